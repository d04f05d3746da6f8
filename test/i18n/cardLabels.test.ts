import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CARDS_DIR, render, templateNames } from '../../src/cards/render.js';
import { LANGUAGES, STRINGS, translatorFor } from '../../src/i18n/translate.js';

const CARD_WORDS = (STRINGS.en as { cards: Record<string, Record<string, string>> }).cards;

describe('the card templates\' own words', () => {
  it('every ${$root.labels.x} a template asks for is in the strings files, and every card word is asked for', () => {
    const asked: string[] = [];
    for (const name of templateNames()) {
      const json = readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8');
      const keys = [...json.matchAll(/\$\{\$root\.labels\.(\w+)\}/g)].map((m) => m[1]!);
      for (const key of keys) asked.push(`${name}.${key}`);
    }
    assert.ok(asked.length > 60, `found the templates' words (${asked.length})`);
    const known = Object.entries(CARD_WORDS).flatMap(([name, words]) => Object.keys(words).map((key) => `${name}.${key}`));
    assert.deepEqual(asked.filter((k) => !known.includes(k)), [], 'asked for but not in en.json');
    assert.deepEqual(known.filter((k) => !asked.includes(k)), [], 'in en.json but asked for by no template');
  });

  it('puts a template\'s words into the card in the reader\'s language, leaving none to bind', () => {
    const actions = (language: 'en' | 'fr') => JSON.stringify((render('error', { headline: 'Oops' }, translatorFor(language)) as unknown as { actions: unknown }).actions);
    assert.match(actions('fr'), /"title":"Aide"/);
    assert.match(actions('en'), /"title":"Help"/);
    for (const language of LANGUAGES) {
      for (const name of templateNames()) {
        assert.doesNotMatch(JSON.stringify(render(name, {}, translatorFor(language))), /\$root\.labels/, `${name} in ${language}`);
      }
    }
  });

  it('refuses a word that the library would read as an expression', () => {
    assert.throws(() => render('error', { headline: 'Oops' }, () => 'Show ${title}'), /cards\.error\.\w+ holds "\$\{"/);
  });
});
