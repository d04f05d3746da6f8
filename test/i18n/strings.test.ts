import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_EXAMPLES, parseCommand } from '../../src/features/parseCommand.js';
import { LANGUAGES, STRINGS, languageOf, translatorFor } from '../../src/i18n/translate.js';
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

/** The `{{variables}}` of a sentence, sorted. */
const variables = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

/** A plural form's key without its suffix: i18next picks `_one`, `_other`… by the language's rules. */
const PLURAL = /_(zero|one|two|few|many|other)$/;

/**
 * What is wrong with a language's plural forms: i18next picks `_one`, `_many`… by Intl.PluralRules
 * and falls back to `_other`, so `_other` must be there, and no form the language lacks.
 */
function pluralProblems(strings: Map<string, string>, language: 'en' | 'fr'): string[] {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];
  const problems: string[] = [];
  for (const key of strings.keys()) {
    const form = key.match(PLURAL)?.[1];
    if (form === undefined) continue;
    const stem = key.replace(PLURAL, '');
    if (!strings.has(`${stem}_other`) && !problems.includes(`${stem}_other is missing`)) problems.push(`${stem}_other is missing`);
    if (!categories.includes(form)) problems.push(`${key}: ${language === 'fr' ? 'French' : 'English'} has no "${form}" form`);
  }
  return problems;
}

/** Every TypeScript file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts'))
    .map((d) => join(d.parentPath, d.name));
}

describe('strings in English and French', () => {
  const en = entries(STRINGS.en);
  const fr = entries(STRINGS.fr);

  it('has every key in both languages (plural forms as each language needs them), none empty', () => {
    const singular = (keys: Iterable<string>) => new Set([...keys].map((k) => k.replace(PLURAL, '')));
    assert.deepEqual([...singular(en.keys())].filter((k) => !singular(fr.keys()).has(k)), [], 'English keys missing in French');
    assert.deepEqual([...singular(fr.keys())].filter((k) => !singular(en.keys()).has(k)), [], 'French keys missing in English');
    for (const [language, strings] of [['en', en], ['fr', fr]] as const) {
      assert.deepEqual(pluralProblems(strings, language), [], language);
      assert.deepEqual([...strings].filter(([, text]) => text.trim() === '').map(([k]) => k), [], `${language}: empty strings`);
    }
  });

  it('the plural check catches a missing "other" form and a form the language does not have', () => {
    assert.deepEqual(pluralProblems(new Map([['tickets_one', '{{count}} ticket']]), 'en'), ['tickets_other is missing']);
    assert.deepEqual(pluralProblems(new Map([['tickets_few', 'x'], ['tickets_other', 'y']]), 'fr'), ['tickets_few: French has no "few" form']);
  });

  it('uses the same {{variables}} in both languages', () => {
    const mismatched = [...en].filter(([key, text]) => {
      const other = fr.get(key) ?? [...fr].find(([k]) => k.replace(PLURAL, '') === key.replace(PLURAL, ''))?.[1];
      return other !== undefined && JSON.stringify(variables(text)) !== JSON.stringify(variables(other));
    });
    assert.deepEqual(mismatched.map(([k]) => k), []);
  });

  it('has every key the code asks for', () => {
    // Literal keys only: t('errors.noTicket', …) and { key: 'errors.noTicket' }.
    const asked = new Set<string>();
    for (const file of sources(join(PROJECT_ROOT, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'|\bkey: '([\w.]+)'/g)) asked.add((m[1] ?? m[2])!);
    }
    assert.ok(asked.size > 30, `found the keys the code uses (${asked.size})`);
    const known = new Set([...en.keys()].map((k) => k.replace(PLURAL, '')));
    assert.deepEqual([...asked].filter((k) => !known.has(k)), []);
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
