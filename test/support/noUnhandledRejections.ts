/**
 * A mocha root hook: a promise rejected with no one to handle it fails the test that was running.
 * The bot's process stops on one (Node's default), but mocha only re-emits it and moves on, so
 * without this a test could pass over a crash. (A refused card update did exactly that once.)
 */
const rejections: unknown[] = [];
const record = (reason: unknown) => void rejections.push(reason);

export const mochaHooks = {
  beforeAll(): void {
    process.on('unhandledRejection', record);
  },
  afterEach(): void {
    if (rejections.length === 0) return;
    const reasons = rejections.splice(0).map((r) => (r instanceof Error ? `${r.name}: ${r.message}` : String(r)));
    throw new Error(`unhandled promise rejection by the end of this test (the bot's process would stop on it): ${reasons.join('; ')}`);
  },
  afterAll(): void {
    process.off('unhandledRejection', record);
  },
};
