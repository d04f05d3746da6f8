/**
 * `npm run cards:gallery` (tsx scripts/cardsGallery.ts): renders every card fixture of
 * test/cards/fixtures.ts in headless Chromium with the Adaptive Cards SDK and a Teams-like host
 * config, and writes test/cards/gallery/<template>-<case>.png (+ .json, the bound card) and an
 * index.html showing them all with what the checks found. The folder is git-ignored and rebuilt
 * on each run. Uses the same fixtures, checks and renderer as test/cards/cards.test.ts.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { templateNames } from '../src/cards/render.js';
import { CardBrowser, GALLERY_DIR, type RenderResult } from '../test/cards/browserRender.js';
import { cardProblems, formatEvent, sdkEvents } from '../test/cards/checks.js';
import { FIXTURES, fixtureId, type CardFixture } from '../test/cards/fixtures.js';

interface Entry {
  fixture: CardFixture;
  id: string;
  bytes?: number;
  /** SDK events, Teams-rule problems, missing texts, render failures: what makes the test fail. */
  problems: string[];
  /** Worth a look, not a failure: text clipped by maxLines or by the view model. */
  notes: string[];
  result?: RenderResult;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function cleanGallery(): void {
  mkdirSync(GALLERY_DIR, { recursive: true });
  for (const file of readdirSync(GALLERY_DIR)) {
    if (/\.(png|json|html)$/.test(file)) rmSync(join(GALLERY_DIR, file));
  }
}

async function renderAll(browser: CardBrowser): Promise<Entry[]> {
  const entries: Entry[] = [];
  for (const fixture of FIXTURES) {
    const id = fixtureId(fixture);
    const entry: Entry = { fixture, id, problems: [], notes: [] };
    entries.push(entry);
    let card: object;
    try {
      card = await fixture.build();
    } catch (error) {
      entry.problems.push(`building the card failed: ${(error as Error).message}`);
      continue;
    }
    entry.bytes = Buffer.byteLength(JSON.stringify(card));
    writeFileSync(join(GALLERY_DIR, `${id}.json`), JSON.stringify(card, null, 2));
    entry.problems.push(...sdkEvents(card).map(formatEvent), ...cardProblems(card, fixture.literals));
    try {
      const result = await browser.render(card, { width: fixture.width, expand: fixture.expand, screenshotPath: join(GALLERY_DIR, `${id}.png`) });
      entry.result = result;
      entry.problems.push(...result.pageErrors);
      entry.problems.push(...fixture.shows.filter((t) => !result.text.includes(t)).map((t) => `not shown: ${JSON.stringify(t.slice(0, 80))}`));
      entry.problems.push(...result.overflowing.map((o) => `sticks out of the card: ${o}`));
      entry.notes.push(...result.clipped.map((c) => `clipped: ${c}`));
    } catch (error) {
      entry.problems.push(`rendering failed: ${(error as Error).message}`);
    }
  }
  return entries;
}

function indexHtml(entries: Entry[]): string {
  const sections = templateNames().map((template) => {
    const mine = entries.filter((e) => e.fixture.template === template);
    const items = mine.map((e) => `
      <figure id="${e.id}">
        <figcaption>
          <h3>${escapeHtml(e.id)}</h3>
          <p>${escapeHtml(e.fixture.about)}${e.fixture.expand ? ` (opened: ${escapeHtml(e.fixture.expand)})` : ''}</p>
          <p class="meta">${e.bytes ?? '?'} bytes · ${e.result ? `${e.result.width}×${e.result.height} px` : 'not rendered'} · <a href="${e.id}.json">card JSON</a></p>
          ${e.problems.length ? `<ul class="problems">${e.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>` : '<p class="ok">no problems found</p>'}
          ${e.notes.length ? `<details><summary>${e.notes.length} note(s)</summary><ul>${e.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></details>` : ''}
        </figcaption>
        ${e.result ? `<img src="${e.id}.png" alt="${escapeHtml(e.id)}" loading="lazy">` : ''}
      </figure>`).join('');
    return `<section><h2>${escapeHtml(template)}.json <small>(${mine.length} case${mine.length === 1 ? '' : 's'})</small></h2>${items || '<p class="problems">No fixture for this template.</p>'}</section>`;
  }).join('\n');
  const failing = entries.filter((e) => e.problems.length > 0).length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Card gallery</title>
<style>
  body { font-family: 'Segoe UI', 'Liberation Sans', Arial, sans-serif; margin: 24px; background: #fafafa; color: #242424; }
  section { margin-bottom: 40px; }
  figure { display: flex; gap: 24px; align-items: flex-start; margin: 0 0 24px; padding: 16px; background: #fff; border: 1px solid #e0e0e0; border-radius: 6px; }
  figcaption { width: 360px; flex: none; font-size: 13px; }
  figcaption h3 { margin: 0 0 6px; font-size: 15px; }
  .meta { color: #616161; }
  .problems { color: #c4314b; padding-left: 18px; }
  .ok { color: #237b4b; }
  img { max-width: 560px; border: 1px solid #eee; }
</style></head>
<body>
<h1>Card gallery</h1>
<p>${entries.length} cases from test/cards/fixtures.ts, rendered by the Adaptive Cards SDK in Chromium with a Teams-like host config. ${failing} with problems.</p>
<nav>${entries.map((e) => `<a href="#${e.id}">${escapeHtml(e.id)}</a>`).join(' · ')}</nav>
${sections}
</body></html>`;
}

async function main(): Promise<void> {
  cleanGallery();
  const browser = await CardBrowser.open();
  let entries: Entry[];
  try {
    entries = await renderAll(browser);
  } finally {
    await browser.close();
  }
  const index = join(GALLERY_DIR, 'index.html');
  writeFileSync(index, indexHtml(entries));
  for (const e of entries.filter((x) => x.problems.length > 0)) {
    console.log(`${e.id}:\n  ${e.problems.join('\n  ')}`);
  }
  console.log(`${entries.length} cards rendered to ${GALLERY_DIR}`);
  console.log(`open ${pathToFileURL(index).href}`);
  if (entries.some((e) => !e.result)) process.exitCode = 1;
}

await main();
