/**
 * Every card template, bound with realistic data (fixtures.ts), checked two ways:
 *  - in Node: the official SDK's parse and validation events, and the Teams rules (checks.ts);
 *  - in headless Chromium: the SDK's HTML renderer with a Teams-like host config draws it, the
 *    expected texts are visible, nothing sticks out of the card, and a screenshot is taken
 *    (test/cards/gallery/<template>-<case>.png, git-ignored; `npm run cards:gallery` adds an index).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { templateNames } from '../../src/cards/render.js';
import { CardBrowser, GALLERY_DIR } from './browserRender.js';
import { cardProblems, formatEvent, sdkEvents } from './checks.js';
import { FIXTURES, fixtureId, type CardFixture } from './fixtures.js';

const cards = new Map<CardFixture, Promise<object>>();
/** Builds each fixture's card once; a builder that throws fails only the tests of its fixture. */
function cardOf(fixture: CardFixture): Promise<object> {
  let card = cards.get(fixture);
  if (!card) {
    card = Promise.resolve().then(() => fixture.build());
    cards.set(fixture, card);
  }
  return card;
}

describe('card templates', () => {
  it('every template in cards/ has at least one fixture', () => {
    const covered = new Set(FIXTURES.map((f) => f.template));
    const missing = templateNames().filter((name) => !covered.has(name));
    assert.deepEqual(missing, [], `templates without a fixture in test/cards/fixtures.ts: ${missing.join(', ')}`);
  });

  it('every fixture names an existing template, and fixture names are unique', () => {
    const names = new Set(templateNames());
    assert.deepEqual(FIXTURES.filter((f) => !names.has(f.template)).map(fixtureId), [], 'fixtures for templates that do not exist');
    const ids = FIXTURES.map(fixtureId);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'duplicate fixture ids');
  });

  it('the checks catch what they are meant to catch', () => {
    const broken = {
      type: 'AdaptiveCard', version: '1.4',
      refresh: { action: { type: 'Action.Execute', verb: 'refresh', data: { ticketId: '${id}' } } },
      body: [
        { type: 'TextBlock', text: 'x', colour: 'Good', $when: '${a}' },
        { type: 'TextBlock', text: 'y', color: 'Purple' },
        { type: 'Input.Text', label: 'No id' },
        { type: 'Input.ChoiceSet', id: 'p', value: 'None', choices: [{ title: 'Low', value: 'Low' }] },
        { type: 'TextBlock', text: 'z'.repeat(29 * 1024) },
      ],
      actions: [{ type: 'Action.Execute', title: 'Go' }, { type: 'Action.Execute', title: 'Odd', verb: 'frobnicate' }],
    };
    const problems = cardProblems(broken).join('\n');
    for (const expected of [/bytes; it must stay under/, /need version "1.5"/, /"\$when" survived binding/, /Action.Execute has no verb/,
      /verb "frobnicate" is not one/, /Input.Text has no id/, /default value "None" is not one of the choices/, /"colour" is not a property of TextBlock/,
      /unbound template expression/, /the bot refuses what "refresh" sends/]) {
      assert.match(problems, expected);
    }
    assert.match(cardProblems({ ...broken, version: '1.6' }).join('\n'), /version 1.6 is newer than 1.5/);
    assert.match(sdkEvents(broken).map(formatEvent).join('\n'), /Invalid value "Purple" for property "color"/);
  });

  for (const fixture of FIXTURES) {
    describe(fixtureId(fixture), () => {
      it('binds into a valid Teams card (SDK parse and validation, version, size, verbs, inputs, no template leftovers)', async () => {
        const card = await cardOf(fixture);
        const events = sdkEvents(card).map(formatEvent);
        const problems = cardProblems(card, fixture.literals);
        const json = JSON.stringify(card);
        const leaked = (fixture.hides ?? []).filter((text) => json.includes(text)).map((text) => `shows ${JSON.stringify(text)}, which it must not`);
        const found = [...events, ...problems, ...leaked];
        if (found.length > 0) assert.fail(`${fixtureId(fixture)}: ${found.length} problem(s)\n    ${found.join('\n    ')}`);
      });
    });
  }

  describe('in headless Chromium (the SDK renderer, Teams-like host config)', function () {
    this.timeout(60_000);
    let browser: CardBrowser | undefined;

    before(async () => {
      mkdirSync(GALLERY_DIR, { recursive: true });
      browser = await CardBrowser.open();
    });
    after(async () => {
      await browser?.close();
    });

    for (const fixture of FIXTURES) {
      it(`${fixtureId(fixture)}: renders, shows its texts, fits the card, screenshots`, async () => {
        assert.ok(browser, 'no browser');
        const result = await browser.render(await cardOf(fixture), {
          width: fixture.width, expand: fixture.expand, screenshotPath: join(GALLERY_DIR, `${fixtureId(fixture)}.png`),
        });
        assert.ok(result.rendered, 'the SDK rendered nothing');
        assert.deepEqual(result.pageErrors, [], 'errors in the page');
        assert.ok(result.html.length > 200 && result.text.trim().length > 0, 'the rendered card is empty');
        const missing = fixture.shows.filter((text) => !result.text.includes(text));
        if (missing.length > 0) {
          assert.fail(`not shown: ${missing.map((m) => JSON.stringify(m)).join(', ')}\n  the card shows:\n  ${result.text.slice(0, 1500).replace(/\n+/g, '\n  ')}`);
        }
        if (result.overflowing.length > 0) assert.fail(`elements stick out of the card:\n  ${result.overflowing.join('\n  ')}`);

        const png = PNG.sync.read(result.png);
        assert.ok(png.width >= (fixture.width ?? 0) && png.height > 50, `screenshot is ${png.width}×${png.height}`);
        let inked = 0;
        for (let i = 0; i < png.data.length; i += 4) if ((png.data[i] ?? 255) < 160) inked++;
        assert.ok(inked > 200, 'the screenshot is blank');
      });
    }
  });
});
