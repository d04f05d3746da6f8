import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { COMMAND_EXAMPLES, parseCommand } from '../../src/features/parseCommand.js';
import { LANGUAGES, STRINGS, compileMessage, languageOf, translatorFor } from '../../src/i18n/translate.js';
import { PROJECT_ROOT } from '../../src/projectRoot.js';

/** Every key of a strings file with its text, as `help.examples.list`. */
function entries(value: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, inner] of Object.entries(value)) {
    if (typeof inner === 'string') out.set(prefix + key, inner);
    else for (const [k, v] of entries(inner as object, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** The `{variables}` of an ICU message (`{name}`, `{count, plural, …}`), each once, sorted. */
const variables = (text: string) => [...new Set([...text.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();

/** Every TypeScript file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts'))
    .map((d) => join(d.parentPath, d.name));
}

describe('strings in English and French', () => {
  const en = entries(STRINGS.en);
  const fr = entries(STRINGS.fr);

  it('has every key in both languages, none empty', () => {
    assert.deepEqual([...en.keys()].filter((k) => !fr.has(k)), [], 'English keys missing in French');
    assert.deepEqual([...fr.keys()].filter((k) => !en.has(k)), [], 'French keys missing in English');
    for (const [language, strings] of [['en', en], ['fr', fr]] as const) {
      assert.deepEqual([...strings].filter(([, text]) => text.trim() === '').map(([k]) => k), [], `${language}: empty strings`);
    }
  });

  it('every string is a valid ICU message in its language (a plural needs its "other" case), and a broken one is caught', () => {
    for (const [language, strings] of [['en', en], ['fr', fr]] as const) {
      for (const [key, text] of strings) assert.doesNotThrow(() => compileMessage(text, language), `${language} ${key}`);
    }
    assert.throws(() => compileMessage('{count, plural, one {# ticket}}', 'fr'), /other/i);
    assert.throws(() => compileMessage('There is no ticket #{number.', 'en'));
    // Plurals by the language's own rules, from the library: 0 is singular in French, plural in English.
    const tickets = '{count, plural, one {# ticket} other {# tickets}}';
    assert.equal(compileMessage(tickets, 'fr').format({ count: 0 }), '0 ticket');
    assert.equal(compileMessage(tickets, 'en').format({ count: 0 }), '0 tickets');
  });

  it('uses the same {variables} in both languages', () => {
    const mismatched = [...en].filter(([key, text]) => JSON.stringify(variables(text)) !== JSON.stringify(variables(fr.get(key) ?? text)));
    assert.deepEqual(mismatched.map(([k]) => k), []);
    assert.deepEqual(variables('{count, plural, one {# ticket de {name}} other {# tickets}}'), ['count', 'name']);
  });

  it('has every key the code asks for', () => {
    // Literal keys only: t('errors.noTicket', …) and { key: 'errors.noTicket' }.
    const asked = new Set<string>();
    for (const file of sources(join(PROJECT_ROOT, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'|\bkey: '([\w.]+)'/g)) asked.add((m[1] ?? m[2])!);
    }
    assert.ok(asked.size > 30, `found the keys the code uses (${asked.size})`);
    assert.deepEqual([...asked].filter((k) => !en.has(k)), []);
  });

  it('sends no words written in the code: a text reply is made from the strings files', () => {
    // A quoted reply, or a template that starts with words rather than a translated ${t(…)}.
    const literalReply = /(?:sendActivity|MessageFactory\.text)\(\s*(?:['"]|`(?!\$\{))/;
    const sandbox = join(PROJECT_ROOT, 'src', 'sandbox');
    const found = sources(join(PROJECT_ROOT, 'src')).filter((file) => !file.startsWith(sandbox) && literalReply.test(readFileSync(file, 'utf8')));
    assert.deepEqual(found.map((file) => relative(PROJECT_ROOT, file)), []);
    assert.ok(literalReply.test("context.sendActivity('Sorry, something went wrong.')") && !literalReply.test('context.sendActivity(`${t(\'errors.unknown\')}`)'));
  });

  it('has an example and a meaning of every command in both languages, and the English examples are the parser\'s', () => {
    for (const name of Object.keys(COMMAND_EXAMPLES)) {
      for (const strings of [en, fr]) assert.ok(strings.has(`help.examples.${name}`) && strings.has(`help.meanings.${name}`), name);
      assert.equal(en.get(`help.examples.${name}`), COMMAND_EXAMPLES[name], name);
    }
  });

  it('every French example is the same command as the English one', () => {
    for (const name of Object.keys(COMMAND_EXAMPLES)) {
      const english = parseCommand(en.get(`help.examples.${name}`)!);
      const french = parseCommand(fr.get(`help.examples.${name}`)!);
      assert.notEqual(french.name, 'notUnderstood', `${fr.get(`help.examples.${name}`)}: ${JSON.stringify(french)}`);
      // The free texts (title, comment, state) differ; what the command does may not.
      const deed = (c: ReturnType<typeof parseCommand>) => JSON.stringify({ ...c, title: 0, description: 0, comment: 0, text: 0, state: 0 });
      assert.equal(deed(french), deed(english), name);
    }
  });

  it('speaks French to every French locale and English to every other', () => {
    for (const locale of ['fr', 'fr-FR', 'fr-CA', 'fr-BE', 'FR-ch', 'fr_FR']) assert.equal(languageOf(locale), 'fr', locale);
    for (const locale of ['en-US', 'de-DE', 'frr-DE', 'es', '', undefined]) assert.equal(languageOf(locale), 'en', String(locale));
    assert.deepEqual([...LANGUAGES], ['en', 'fr']);
    assert.equal(translatorFor('fr')('errors.noTicket', { number: 12 }), 'Il n\'y a pas de ticket n° 12.');
    assert.equal(translatorFor('en')('errors.noTicket', { number: 12 }), 'There is no ticket #12.');
  });
});
