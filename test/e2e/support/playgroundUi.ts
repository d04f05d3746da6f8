/**
 * The Agents Playground's page, as a person uses it: pick a chat or channel, type, click cards,
 * open the message extension. Locators follow what is on the screen (roles, labels, text) and
 * the Adaptive Cards renderer's classes; every wait is for a specific element.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';

export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
/** The bot's display name, from .m365agentsplayground.yml. */
export const BOT_NAME = 'Tickets';

export class PlaygroundUi {
  constructor(readonly page: Page) {
    mkdirSync(SCREENSHOTS, { recursive: true });
  }

  /** Opens the Playground and waits for the bot's welcome card in the personal chat. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.botMessages().filter({ hasText: 'What I can do' }).first().waitFor();
  }

  /** A chat or channel from the left rail, e.g. "Personal Chat" or "Contoso IT - Helpdesk". */
  async openConversation(name: string): Promise<void> {
    await this.page.getByRole('treeitem', { name, exact: true }).click();
  }

  /** Every message in the open chat (header + body), oldest first. */
  messages(): Locator {
    return this.page.locator('[aria-label="Message header"]').locator('xpath=..');
  }

  /** The bot's messages in the open chat. */
  botMessages(): Locator {
    return this.messages().filter({ has: this.page.locator('[aria-label="Message author"]', { hasText: new RegExp(`^${BOT_NAME}$`) }) });
  }

  /** Messages the signed-in user sent (they carry no author line). */
  myMessages(): Locator {
    return this.messages().filter({ hasNot: this.page.locator('[aria-label="Message author"]') });
  }

  /** The personal or group chat's compose box. */
  composer(): Locator {
    return this.page.locator('[data-lexical-editor="true"]').last();
  }

  /**
   * Does `act`, then waits for a message that was not there before in `list`, and returns it
   * (pinned by position, so it stays the same message when its card is redrawn).
   */
  async newMessage(list: Locator, act: () => Promise<void>, containing?: string | RegExp): Promise<Locator> {
    const before = await list.count();
    await act();
    const message = list.nth(before);
    await message.waitFor();
    if (containing !== undefined) await message.getByText(containing).first().waitFor();
    return message;
  }

  /** Types a message in the personal chat and returns the bot's answer. */
  async say(text: string, answerContaining?: string | RegExp): Promise<Locator> {
    return this.newMessage(this.botMessages(), async () => {
      await this.composer().click();
      await this.page.keyboard.type(text);
      await this.page.keyboard.press('Enter');
    }, answerContaining);
  }

  /**
   * In a channel: starts a new post that @mentions the bot (picked from the mention list, as a
   * person does) followed by `command`, and waits for the bot's answer in that thread.
   */
  async postInChannel(command: string): Promise<{ post: Locator; answer: Locator }> {
    const box = this.page.getByRole('group').filter({ has: this.page.getByRole('button', { name: 'Post', exact: true }) });
    await box.getByRole('textbox').click();
    await this.page.keyboard.type(`@${BOT_NAME.slice(0, 4)}`);
    await this.page.locator('#typeahead-menu').getByText(BOT_NAME, { exact: true }).click();
    await this.page.keyboard.type(` ${command}`);
    await box.getByRole('button', { name: 'Post', exact: true }).click();
    // Threads are cards with a header menu; the newest is on top.
    const post = this.page.getByRole('group')
      .filter({ has: this.page.getByRole('button', { name: 'Show more information' }) })
      .filter({ hasText: command })
      .first();
    await post.getByText(BOT_NAME, { exact: true }).first().waitFor();
    const answer = post.locator('.ac-preview-panel').first();
    await answer.waitFor();
    return { post, answer };
  }

  /** The Adaptive Card of a message (the top-level one, not its Action.ShowCard cards). */
  card(message: Locator): Locator {
    return message.locator('.ac-preview-panel').first();
  }

  /** Opens the message extension menu ("+" by the compose box) and picks an entry. */
  async messageExtension(entry: 'Search Command' | 'Action Command' | 'Link Unfurling', scope: Locator | Page = this.page): Promise<void> {
    await scope.getByRole('button', { name: 'Trigger Message Extension App' }).last().click();
    await this.page.getByRole('menuitem', { name: entry }).click();
  }

  /** Picks an option of an Adaptive Card compact choice set (a combobox). */
  async choose(scope: Locator, label: string, option: string): Promise<void> {
    await scope.getByRole('combobox', { name: label }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  /** Sends what is in the compose box (text or an inserted card) and returns the message it became. */
  async sendCompose(): Promise<Locator> {
    return this.newMessage(this.myMessages(), async () => {
      await this.page.getByRole('button', { name: 'Send Message' }).last().click();
    });
  }

  /**
   * Sends `activity` through "Mock an Activity" → "Custom activity", as a person testing the bot
   * does: the one way to send a locale other than the Playground's fixed "en-US". Returns the bot's
   * answer in the open chat.
   */
  async sendCustomActivity(activity: object, answerContaining?: string | RegExp): Promise<Locator> {
    return this.newMessage(this.botMessages(), async () => {
      await this.page.getByRole('button', { name: 'Mock an Activity' }).click();
      await this.page.getByText('Custom activity', { exact: true }).click();
      const dialog = this.page.getByRole('dialog');
      await dialog.locator('.monaco-editor .view-lines').click();
      await this.page.keyboard.press('Control+A');
      await this.page.keyboard.insertText(JSON.stringify(activity));
      // The editor closes the first brace itself: what it added after the text goes.
      await this.page.keyboard.press('Shift+Control+End');
      await this.page.keyboard.press('Delete');
      await dialog.getByRole('button', { name: 'Send activity' }).click();
      await dialog.waitFor({ state: 'hidden' });
    }, answerContaining);
  }

  /** Saves a screenshot of the page, or of one element, as test/e2e/screenshots/<name>.png. */
  async shot(name: string, of?: Locator): Promise<string> {
    const path = join(SCREENSHOTS, `${name}.png`);
    // Let a card finish its redraw (the renderer animates height) before the picture.
    await this.page.waitForTimeout(150);
    if (of) await of.screenshot({ path, animations: 'disabled' });
    else await this.page.screenshot({ path, animations: 'disabled' });
    return path;
  }
}
