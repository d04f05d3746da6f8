import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cardLabels } from '../../src/cards/labels.js';
import { CARDS_DIR, templateNames } from '../../src/cards/render.js';
import { STRINGS, translatorFor } from '../../src/i18n/translate.js';

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

  it('gives a template its words in the reader\'s language, and none for a template without words', () => {
    assert.equal(cardLabels('editForm', translatorFor('fr')).save, 'Enregistrer');
    assert.equal(cardLabels('editForm', translatorFor('en')).save, 'Save');
    assert.deepEqual(cardLabels('help', translatorFor('fr')), {});
  });
});
