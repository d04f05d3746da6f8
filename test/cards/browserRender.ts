/**
 * Renders cards with the official Adaptive Cards HTML renderer (adaptivecards/dist/adaptivecards.min.js)
 * in headless Chromium, with a Teams-like host config, and screenshots them. One browser and one page
 * serve every card: open a CardBrowser once, render many, close it.
 *
 * Used by cards.test.ts and scripts/cardsGallery.ts.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TEAMS_CARD_WIDTH, TEAMS_HOST_CONFIG } from './teamsHostConfig.js';

const require = createRequire(import.meta.url);
const SDK_SCRIPT = require.resolve('adaptivecards/dist/adaptivecards.min.js');
const SDK_CSS = require.resolve('adaptivecards/dist/adaptivecards.css');

/** Where screenshots go (git-ignored): test/cards/gallery/<template>-<case>.png, and the gallery's index.html. */
export const GALLERY_DIR = fileURLToPath(new URL('./gallery/', import.meta.url));

/** Debian's chromium; CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const LAUNCH_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A Teams-like frame around the card: the chat background, the card's border and the buttons. */
const PAGE_CSS = `
  html, body { margin: 0; background: #f5f5f5; }
  body { padding: 16px; font-family: 'Segoe UI', 'Liberation Sans', Arial, sans-serif; }
  #host { background: #ffffff; border: 1px solid #e0e0e0; border-radius: 6px; overflow: hidden; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
  .ac-pushButton { font-family: inherit; font-size: 14px; font-weight: 600; color: #242424; background: #ffffff;
    border: 1px solid #d1d1d1; border-radius: 4px; min-height: 32px; padding: 5px 12px; }
  .ac-pushButton:hover, .ac-pushButton.expanded { background: #f5f5f5; color: #242424; border-color: #c7c7c7; }
  .ac-pushButton.style-positive { background: #5b5fc7; color: #ffffff; border-color: #5b5fc7; }
  .ac-pushButton.expandable:after { font-family: inherit; font-size: 11px; content: ' \\25BE'; }
  .ac-pushButton.expandable.expanded:after { content: ' \\25B4'; }
  .ac-input { font-family: inherit; }
  .ac-input.ac-textInput, .ac-input select { border: 1px solid #d1d1d1; border-radius: 4px; padding: 5px 8px; }
`;

/**
 * Runs in the page: a Teams-like markdown subset for TextBlocks (Teams renders markdown; the SDK
 * needs a processor for it), and window.__renderCard. Kept as a string so that no transpiler
 * helper (tsx's __name) ends up in code that runs in the browser.
 */
const IN_PAGE_SCRIPT = String.raw`
(() => {
  const AC = window.AdaptiveCards;
  const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const markdown = (text) => escape(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])_(\S(?:.*?\S)?)_(?=$|[\s).,!?:;])/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<a class="ac-anchor" href="$2">$1</a>')
    .replace(/\r?\n/g, '<br>')
    .replace(/\\([!-\/:-@[-\x60{-~])/g, '$1'); // CommonMark backslash escapes, as Teams applies them
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => { result.outputHtml = markdown(text); result.didProcess = true; };

  const describe = (el) => {
    const cls = [...el.classList].filter((c) => c.startsWith('ac-')).join('.');
    const text = (el.innerText || '').replace(/\s+/g, ' ').trim().slice(0, 60);
    return el.tagName.toLowerCase() + (cls ? '.' + cls : '') + (text ? ' "' + text + '"' : '');
  };

  window.__renderCard = (json, hostConfig, width) => {
    const host = document.getElementById('host');
    host.replaceChildren();
    host.style.width = width + 'px';
    const card = new AC.AdaptiveCard();
    card.hostConfig = new AC.HostConfig(hostConfig);
    const context = new AC.SerializationContext();
    card.parse(json, context);
    const events = [];
    const push = (e) => events.push({ phase: AC.ValidationPhase[e.phase], event: AC.ValidationEvent[e.event], message: e.message });
    for (let i = 0; i < context.eventCount; i++) push(context.getEventAt(i));
    for (const e of card.validateProperties().validationEvents) push(e);
    const element = card.render();
    if (!element) return { rendered: false, events, text: '', html: '', width: 0, height: 0, overflowing: [], clipped: [] };
    host.appendChild(element);
    window.__card = card;
    return window.__measure(events);
  };

  window.__measure = (events) => {
    const host = document.getElementById('host');
    const element = host.firstElementChild;
    const box = host.getBoundingClientRect();
    const overflowing = [];
    const clipped = [];
    for (const el of element.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > box.right + 1 || r.left < box.left - 1) overflowing.push(describe(el));
      if (el.classList.contains('ac-textBlock') && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)) clipped.push(describe(el));
    }
    return {
      rendered: true, events, text: element.innerText, html: element.outerHTML,
      width: Math.round(box.width), height: Math.round(box.height), overflowing, clipped,
    };
  };
})();
`;

export interface RenderOptions {
  /** CSS pixels; default TEAMS_CARD_WIDTH. */
  width?: number;
  /** Title of an Action.ShowCard to open before measuring and screenshotting. */
  expand?: string;
  /** Write the screenshot here as well as returning it. */
  screenshotPath?: string;
}

export interface RenderResult {
  rendered: boolean;
  /** Parse and validation events of the SDK in the browser, with the Teams-like host config. */
  events: Array<{ phase: string; event: string; message: string }>;
  /** The card's visible text (innerText). */
  text: string;
  html: string;
  width: number;
  height: number;
  /** Elements that stick out of the card's frame horizontally. */
  overflowing: string[];
  /** TextBlocks whose text is cut (maxLines, or no wrap). */
  clipped: string[];
  /** Uncaught page errors and console errors during the render. */
  pageErrors: string[];
  png: Buffer;
}

export class CardBrowser {
  private constructor(private readonly browser: Browser, private readonly page: Page, private readonly errors: string[]) {}

  /** Launches Chromium (a fresh profile) and prepares one page with the SDK loaded. */
  static async open(): Promise<CardBrowser> {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(`Chromium is not at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
    }
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 }, deviceScaleFactor: 1 });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`console.${m.type()}: ${m.text()}`); });
      await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="host"></div></body></html>');
      await page.addStyleTag({ path: SDK_CSS });
      await page.addStyleTag({ content: PAGE_CSS });
      await page.addScriptTag({ path: SDK_SCRIPT });
      await page.addScriptTag({ content: IN_PAGE_SCRIPT });
      return new CardBrowser(browser, page, errors);
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  async render(card: object, options: RenderOptions = {}): Promise<RenderResult> {
    this.errors.length = 0;
    const width = options.width ?? TEAMS_CARD_WIDTH;
    type InPage = Omit<RenderResult, 'png' | 'pageErrors'>;
    let result = await this.page.evaluate(
      ([json, hostConfig, w]) => (globalThis as unknown as { __renderCard(j: unknown, h: unknown, w: number): InPage }).__renderCard(json, hostConfig, w),
      [card, TEAMS_HOST_CONFIG, width] as const,
    );
    if (result.rendered && options.expand) {
      await this.page.locator('#host button', { hasText: options.expand }).first().click();
      result = await this.page.evaluate(
        (events) => (globalThis as unknown as { __measure(e: unknown): InPage }).__measure(events),
        result.events,
      );
    }
    const png = await this.page.locator('#host').screenshot({ path: options.screenshotPath, animations: 'disabled' });
    return { ...result, pageErrors: [...this.errors], png };
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
