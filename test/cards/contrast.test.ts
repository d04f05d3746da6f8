/**
 * No text a card shows is low-contrast in Teams' light or dark theme (WCAG 2 AA, 4.5:1), checked on
 * every template in cards/ as written and on every card the gallery renders (the fixtures, bound).
 * A colour or container style still a template expression is checked as every style it could be.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templateNames } from '../../src/cards/render.js';
import { PROJECT_ROOT } from '../../src/projectRoot.js';
import { FIXTURES, fixtureId } from './fixtures.js';
import {
  MIN_CONTRAST, TEAMS_THEMES, contrastRatio, type ContainerStyleName, type TextColorName, type ThemeName,
} from './teamsThemes.js';

const STYLES = Object.keys(TEAMS_THEMES.light) as ContainerStyleName[];
const COLORS = Object.keys(TEAMS_THEMES.light.default.foreground) as TextColorName[];
const isTemplated = (value: unknown) => typeof value === 'string' && value.includes('${');
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The styles a `style` property may mean: itself, every style while it is an expression, or the surrounding one. */
function stylesOf(value: unknown, around: ContainerStyleName[]): ContainerStyleName[] {
  if (isTemplated(value)) return STYLES;
  const named = STYLES.find((s) => s === String(value ?? '').toLowerCase());
  return named ? [named] : around;
}

function colorsOf(value: unknown): TextColorName[] {
  if (isTemplated(value)) return [];
  return [COLORS.find((c) => c === String(value ?? 'default').toLowerCase()) ?? 'default'];
}

/** Each text that fails in some theme and container style: what it says, its colour, and the ratio. */
export function lowContrastTexts(card: unknown): string[] {
  const found = new Set<string>();
  const check = (what: string, color: unknown, isSubtle: unknown, styles: ContainerStyleName[]) => {
    for (const name of colorsOf(color)) {
      for (const theme of Object.keys(TEAMS_THEMES) as ThemeName[]) {
        for (const style of styles) {
          const colours = TEAMS_THEMES[theme][style];
          const fg = colours.foreground[name][isSubtle === true ? 'subtle' : 'default'];
          const ratio = contrastRatio(fg, colours.background);
          if (ratio < MIN_CONTRAST) {
            found.add(`${JSON.stringify(what.slice(0, 40))} (${name}${isSubtle === true ? ', subtle' : ''}) is ${ratio.toFixed(1)}:1 on ${theme} ${style}`);
          }
        }
      }
    }
  };
  const walk = (node: unknown, styles: ContainerStyleName[]): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, styles));
    if (!isRecord(node)) return;
    const here = ['Container', 'Column', 'ColumnSet', 'TableCell', 'Table'].includes(String(node.type)) ? stylesOf(node.style, styles) : styles;
    if (node.type === 'TextBlock' || node.type === 'TextRun') check(String(node.text), node.color, node.isSubtle, here);
    // Teams draws an opened ShowCard's card in the emphasis style (its host config's showCard.style).
    if (node.type === 'Action.ShowCard') return walk(node.card, ['emphasis']);
    for (const [key, value] of Object.entries(node)) if (key !== 'fallback') walk(value, here);
  };
  walk(card, ['default']);
  return [...found];
}

describe('text contrast in Teams\' light and dark themes', () => {
  it('computes WCAG ratios as the standard does, and refuses what it should', () => {
    assert.equal(contrastRatio('#000000', '#ffffff').toFixed(1), '21.0');
    assert.equal(contrastRatio('#777777', '#ffffff').toFixed(2), '4.48');
    assert.equal(contrastRatio('#80000000', '#ffffff').toFixed(2), contrastRatio('#7f7f7f', '#ffffff').toFixed(2), 'alpha blends over the background');
    const card = { type: 'AdaptiveCard', body: [
      { type: 'TextBlock', text: 'Resolved', color: 'Good' },
      { type: 'TextBlock', text: 'Fine', color: 'Default', isSubtle: true },
      { type: 'Container', style: '${noteStyle}', items: [{ type: 'TextBlock', text: 'Note', color: 'Accent' }] },
    ] };
    const found = lowContrastTexts(card).join('\n');
    assert.match(found, /"Resolved" \(good\) is 2\.1:1 on light default/);
    assert.match(found, /"Note" \(accent\) is .* on light attention/, 'a templated style is every style');
    assert.doesNotMatch(found, /Fine/);
  });

  for (const name of templateNames()) {
    it(`cards/${name}.json, as written`, () => {
      const template: unknown = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cards', `${name}.json`), 'utf8'));
      assert.deepEqual(lowContrastTexts(template), []);
    });
  }

  for (const fixture of FIXTURES) {
    it(`${fixtureId(fixture)}, as the gallery renders it`, async () => {
      assert.deepEqual(lowContrastTexts(await fixture.build()), []);
    });
  }
});
