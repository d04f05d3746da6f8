/**
 * `report` and its CSV export through the real bot server, against a sandbox seeded by hand
 * (reportSeed.ts): the card, the API calls, the signed link, and Teams' file consent flow.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExportLinks } from '../../src/reports/exportLinks.js';
import { TicketingClient } from '../../src/ticketing/client.js';
import { ADELE, ALEX, cardAction, extensionInvoke, message, personalChatOf } from '../support/activities.js';
import { cardOf } from '../support/connector.js';
import { Harness } from '../support/harness.js';
import { eventually, invokeCard, readable } from '../bot/botAssertions.js';
import { clock, seedReport, type SeededTickets } from './reportSeed.js';

const SECRET = 'a-test-signing-secret-of-at-least-32-characters';
/** `report 92d` from today reaches back past every seeded ticket (October and November 2026). */
const COMMAND = 'report 92d';

interface Upload { method: string; headers: Record<string, string | string[] | undefined>; body: Buffer }

describe('report through the bot', () => {
  const h = new Harness({ sandbox: { seed: false, now: () => new Date(clock.at), rateLimit: 100_000 }, env: { EXPORT_SIGNING_SECRET: SECRET } });
  let seeded: SeededTickets;
  let uploads: Upload[] = [];
  /** How long the stand-in OneDrive takes to take an upload. */
  let uploadDelayMs = 0;
  let uploadServer: Server;
  let uploadUrl = '';

  before(async () => {
    await h.start();
    const client = new TicketingClient({ baseUrl: h.sandbox.baseUrl, apiKey: h.sandbox.primaryKey, rateLimit: { limit: 100_000, windowMs: 60_000 } });
    seeded = await seedReport(h.sandbox, client);
    // Stands in for the OneDrive upload URL Teams hands over in a file consent answer.
    uploadServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => setTimeout(() => {
        uploads.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end('{"id":"file-1"}');
      }, uploadDelayMs));
    });
    await new Promise<void>((resolve) => uploadServer.listen(0, '127.0.0.1', resolve));
    uploadUrl = `http://127.0.0.1:${(uploadServer.address() as AddressInfo).port}/upload/session-1`;
  });
  after(async () => {
    await h.stop();
    await new Promise((resolve) => uploadServer.close(resolve));
  });
  beforeEach(() => {
    h.resetCounts();
    uploads = [];
    uploadDelayMs = 0;
  });

  const channel = () => ({ serviceUrl: h.serviceUrl, channel: true });
  const personal = () => ({ serviceUrl: h.serviceUrl });
  const ticketLists = () => h.apiCalls().filter((c) => c.path === '/tickets').length;

  it('answers `report 92d` in a channel with the figures, charts with a text fallback, and no link', async () => {
    const res = await h.post(message(ADELE, COMMAND, channel()));
    assert.equal(res.status, 200);
    const card = cardOf(h.connector.messages()[0]);
    assert.ok(card, 'a card was sent');
    const json = JSON.stringify(card);
    const text = readable(card);
    for (const chart of ['Chart.Donut', 'Chart.VerticalBar', 'Chart.Line']) assert.ok(json.includes(`"${chart}"`), `${chart} on the card`);
    // Open now: T1, T3, T4. Created in the period: all five. First resolved: T2, T5.
    assert.match(text, /Open tickets: 3/);
    assert.match(json, /5 created, 2 resolved/);
    // First responses 0.5 h, 2 h, 192 h.
    assert.match(text, /median 2 h · 90th percentile 8 d \(3 tickets\)/);
    assert.match(text, /By state: Open 2 · In Progress 1/);
    assert.match(text, /Figures as of/);
    assert.doesNotMatch(json, /\/exports\//, 'the shared card holds no link');
    assert.equal(ticketLists(), 2, 'one page of changed tickets, one of open ones');
  });

  it('20 people opening the same report at once cost no more readings', async () => {
    await h.post(message(ADELE, COMMAND, channel()));
    const before = ticketLists();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => h.post(message(i % 2 ? ALEX : ADELE, COMMAND, channel()))));
    assert.ok(answers.every((a) => a.status === 200));
    assert.equal(h.connector.messages().length, 21);
    assert.equal(ticketLists(), before, 'all from the kept reading');
  });

  it('Download CSV answers the clicker alone with a signed link whose CSV reads back, accents and quotes intact', async () => {
    const res = await h.post(cardAction(ADELE, 'exportReport', { report: COMMAND }, channel()));
    const card = invokeCard(res);
    const url = /"url":"(http:\/\/[^"]+\/exports\/[^"]+)"/.exec(JSON.stringify(card))?.[1];
    assert.ok(url, 'the invoke answer holds the link');
    assert.equal(h.connector.messages().length, 0, 'nothing posted for everyone; no file offer in a channel');
    assert.doesNotMatch(url, new RegExp(h.sandbox.primaryKey));
    assert.doesNotMatch(url, new RegExp(SECRET));
    const download = await fetch(url);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(download.headers.get('content-disposition') ?? '', /^attachment; filename="tickets-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = Buffer.from(await download.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    assert.ok(lines[0]!.startsWith('Number,Title,State,Priority,Requestor,Requestor email,Assignee,Assignee email,Tags,'));
    assert.equal(lines.at(-1), '', 'every row ends in CRLF');
    assert.equal(lines.length - 2, 5, 'one row per ticket changed in the period');
    assert.ok(lines.some((l) => l.startsWith(`${seeded.t2},"Printer, 2nd floor: ""jammed""",Resolved,Medium,`)), 'comma and quotes quoted');
    assert.ok(lines.some((l) => l.startsWith(`${seeded.t3},Café Wi-Fi asks for a password,In Progress,Important,`)), 'accents as typed');
    assert.ok(lines.some((l) => l.includes(',2026-11-05T08:00:00Z,2026-11-05T10:00:00Z,2026-11-05T14:00:00Z,2026-11-05T14:00:00Z,')), 'ISO dates');
  });

  it('refuses a forged, altered, expired or malformed link with a short 404, and keeps serving', async () => {
    const res = await h.post(cardAction(ADELE, 'exportReport', { report: COMMAND }, channel()));
    const url = /"url":"(http:\/\/[^"]+\/exports\/[^"]+)"/.exec(JSON.stringify(invokeCard(res)))![1]!;
    const token = url.slice(url.lastIndexOf('/') + 1);
    const [body, signature] = token.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const altered = Buffer.from(JSON.stringify({ ...payload, s: 0 })).toString('base64url');
    const base = `${h.app.server.url}/exports/`;
    const signedElsewhere = new ExportLinks(Buffer.from('another-secret-another-secret-another-secret'), 300_000);
    const expired = new ExportLinks(Buffer.from(SECRET), 60_000, () => Date.now() - 120_000);
    const grant = { request: { period: { kind: 'days' as const, days: 7 } }, start: 0, utcOffset: 0 };
    const bad = [
      `${altered}.${signature}`, `${body}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
      signedElsewhere.sign(grant, ADELE.aadObjectId), expired.sign(grant, ADELE.aadObjectId),
      'x', '%E0%A4%A', `${'a'.repeat(5000)}.${'b'.repeat(43)}`, `${body}`, '..', encodeURIComponent('<script>'),
    ];
    for (const t of bad) {
      const answer = await fetch(base + t);
      const text = await answer.text();
      assert.ok(answer.status === 404 || answer.status === 400, `${t.slice(0, 20)}: ${answer.status}`);
      assert.ok(text.length < 200, 'a short answer');
      assert.doesNotMatch(text, /at .*\.ts|Error:/);
    }
    assert.equal((await fetch(url)).status, 200, 'the real link still works');
    const exportRecords = h.logs.filter((r) => r.msg.startsWith('export '));
    assert.ok(exportRecords.some((r) => r.msg === 'export refused: not a valid link') && exportRecords.some((r) => r.msg.startsWith('export ok')), 'the downloads were logged');
    assert.ok(!JSON.stringify(h.logs).includes(token), 'no log record holds the token');
  });

  /** The file consent card the Export click offers, once it has landed in the personal chat. */
  async function offered(): Promise<{ token: string; name: string; sizeInBytes: number }> {
    await eventually(() => h.connector.messages().length > 0, 'the file consent card');
    const offer = h.connector.messages()[0]?.body.attachments as Array<{ contentType: string; name: string; content: { sizeInBytes: number; acceptContext: { token: string } } }>;
    assert.equal(offer?.[0]?.contentType, 'application/vnd.microsoft.teams.card.file.consent');
    return { token: offer[0]!.content.acceptContext.token, name: offer[0]!.name, sizeInBytes: offer[0]!.content.sizeInBytes };
  }
  const fileCards = () => h.connector.messages().filter((m) => (m.body.attachments as Array<{ contentType: string }> | undefined)?.[0]?.contentType === 'application/vnd.microsoft.teams.card.file.info');

  it('in a personal chat also offers the file; accept uploads it and shows it, decline says so, another person is refused', async () => {
    const res = await h.post(cardAction(ADELE, 'exportReport', { report: COMMAND }, personal()));
    assert.equal(res.status, 200);
    const { token, name, sizeInBytes } = await offered();
    const uploadInfo = { name, uploadUrl, contentUrl: 'https://contoso-my.sharepoint.com/personal/adele/Documents/report.csv', uniqueId: 'u-1', fileType: 'csv' };

    h.connector.clear();
    const byAlex = await h.post(extensionInvoke(ALEX, 'fileConsent/invoke', { type: 'fileUpload', action: 'accept', context: { token }, uploadInfo }, personal()));
    assert.equal(byAlex.status, 200);
    await eventually(() => h.connector.messages().length === 1, 'the sentence, after the answer');
    assert.match(String(h.connector.messages()[0]?.body.text), /expired or was not made to you/);
    assert.equal(uploads.length, 0, 'no upload for someone the file was not offered to');

    h.connector.clear();
    const accepted = await h.post(extensionInvoke(ADELE, 'fileConsent/invoke', { type: 'fileUpload', action: 'accept', context: { token }, uploadInfo }, personal()));
    assert.equal(accepted.status, 200);
    await eventually(() => fileCards().length === 1, 'the card that shows the file');
    assert.equal(uploads.length, 1);
    assert.equal(uploads[0]!.method, 'PUT');
    assert.equal(uploads[0]!.body.length, sizeInBytes);
    assert.equal(uploads[0]!.headers['content-range'], `bytes 0-${uploads[0]!.body.length - 1}/${uploads[0]!.body.length}`);
    assert.deepEqual([...uploads[0]!.body.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal((fileCards()[0]!.body.attachments as Array<{ contentUrl: string }>)[0]!.contentUrl, uploadInfo.contentUrl);

    // Saved, but Teams refuses the card that shows it: nothing may say the file was not saved.
    h.connector.clear();
    h.connector.refusals.set(personalChatOf(ADELE), { status: 403, times: 1 });
    const savedUnshown = await h.post(extensionInvoke(ADELE, 'fileConsent/invoke', { type: 'fileUpload', action: 'accept', context: { token }, uploadInfo }, personal()));
    assert.equal(savedUnshown.status, 200);
    await eventually(() => h.logs.some((r) => r.level === 'warn' && r.msg === 'file card refused'), 'the refused card logged');
    assert.equal(uploads.length, 2);
    assert.deepEqual(h.connector.messages(), []);

    h.connector.clear();
    await h.post(extensionInvoke(ADELE, 'fileConsent/invoke', { type: 'fileUpload', action: 'decline', context: { token } }, personal()));
    await eventually(() => h.connector.messages().length === 1, 'the sentence, after the answer');
    assert.match(String(h.connector.messages()[0]?.body.text), /^No file then/);
    assert.equal(uploads.length, 2, 'a decline uploads nothing');

    const forgedUpload = await h.post(extensionInvoke(ADELE, 'fileConsent/invoke', { type: 'fileUpload', action: 'accept', context: { token }, uploadInfo: { ...uploadInfo, uploadUrl: 'http://203.0.113.9/steal' } }, personal()));
    assert.equal(forgedUpload.status, 400, 'an upload URL off this machine that is not https is refused');
  });

  it('answers the Export click with the link while Teams throttles the chat, and the offer lands later', async () => {
    // Teams answers 429 with Retry-After; botbuilder waits that long before it tries again, past the invoke's deadline.
    h.connector.refusals.set(personalChatOf(ADELE), { status: 429, times: 1, retryAfterS: 5 });
    const res = await h.post(cardAction(ADELE, 'exportReport', { report: COMMAND }, personal()));
    assert.equal(res.status, 200);
    assert.match(JSON.stringify(invokeCard(res)), /\/exports\//, 'the link, in the answer');
    assert.deepEqual(h.connector.messages(), [], 'answered before Teams took the offer');
    await eventually(() => h.connector.messages().length === 1, 'the offer lands once Teams takes it', 10_000);
    await offered();
  });

  it('answers a decline at once while Teams throttles the chat, and says "no file" once Teams takes it', async () => {
    await h.post(cardAction(ADELE, 'exportReport', { report: COMMAND }, personal()));
    const { token } = await offered();
    h.connector.clear();
    h.connector.refusals.set(personalChatOf(ADELE), { status: 429, times: 1, retryAfterS: 5 });
    const declined = await h.post(extensionInvoke(ADELE, 'fileConsent/invoke', { type: 'fileUpload', action: 'decline', context: { token } }, personal()));
    assert.equal(declined.status, 200);
    assert.deepEqual(h.connector.messages(), [], 'answered before Teams took the sentence');
    await eventually(() => h.connector.messages().length === 1, 'the sentence lands once Teams takes it', 10_000);
    assert.match(String(h.connector.messages()[0]?.body.text), /^No file then/);
  });

  /** Clicks Export in Adele's personal chat and accepts the file, Teams saying to upload it to `uploadTo`: the accept's answer. */
  async function exportAndAccept(uploadTo: string, file: string) {
    await h.post(cardAction(ADELE, 'exportReport', { report: COMMAND }, personal()));
    const { token, name } = await offered();
    h.connector.clear();
    const uploadInfo = { name, uploadUrl: uploadTo, contentUrl: `https://contoso-my.sharepoint.com/personal/adele/Documents/${file}`, uniqueId: file, fileType: 'csv' };
    return h.post(extensionInvoke(ADELE, 'fileConsent/invoke', { type: 'fileUpload', action: 'accept', context: { token }, uploadInfo }, personal()));
  }

  it('answers an accept at once, and shows the file once a slow upload is done', async () => {
    uploadDelayMs = 6000;
    const accepted = await exportAndAccept(uploadUrl, 'slow.csv');
    assert.equal(accepted.status, 200);
    assert.deepEqual([uploads.length, fileCards().length], [0, 0], 'answered while the upload was still under way');
    await eventually(() => fileCards().length === 1, 'the file card, once OneDrive took the file', 10_000);
    assert.equal(uploads.length, 1);
  });

  it('says the file was not saved when OneDrive refuses it, and shows no file', async () => {
    // Nothing listens on port 9 of this machine: the upload is refused.
    const accepted = await exportAndAccept('http://127.0.0.1:9/upload', 'lost.csv');
    assert.equal(accepted.status, 200);
    await eventually(() => h.connector.messages().length === 1, 'a sentence about the file');
    assert.match(String(h.connector.messages()[0]?.body.text), /could not be saved to your OneDrive/);
    assert.deepEqual(fileCards(), []);
    assert.ok(h.logs.some((r) => r.level === 'warn' && r.msg === 'file upload failed'));
  });

  it('a stop lets an upload under way finish and show its file, within the grace period', async () => {
    uploadDelayMs = 1500;
    const accepted = await exportAndAccept(uploadUrl, 'at-stop.csv');
    assert.equal(accepted.status, 200);
    assert.equal(uploads.length, 0, 'the upload was under way when the stop came');
    await h.restartBot();
    assert.deepEqual([uploads.length, fileCards().length], [1, 1], 'finished before the bot stopped');
  });

  it('a report or a button it cannot read gets a sentence, not a crash', async () => {
    await h.post(message(ADELE, 'report 400d', personal()));
    assert.match(readable(cardOf(h.connector.messages()[0])), /A report covers 1 to 92 days/);
    const damaged = await h.post(cardAction(ADELE, 'exportReport', { report: { period: 'x' } }, personal()));
    assert.match(readable(invokeCard(damaged)), /report button is damaged/);
    h.connector.clear();
    await h.post(message(ADELE, 'report tag:nosuchtag', personal()));
    assert.match(readable(cardOf(h.connector.messages()[0])), /There is no tag "nosuchtag"/);
  });
});

describe('report within the API budget', () => {
  // Three requests a minute: start-up's instance and tags reads take two; the report's first page the third.
  const h = new Harness({ sandbox: { seed: false, now: () => new Date(clock.at), rateLimit: 100_000 }, rateLimit: { limit: 3, windowMs: 60_000 } });
  before(() => h.start());
  after(() => h.stop());

  it('refuses a report the budget left cannot read, and offers a shorter period', async () => {
    await h.post(message(ADELE, 'report 30d', { serviceUrl: h.serviceUrl }));
    const text = readable(cardOf(h.connector.messages()[0]));
    assert.match(text, /needs more of the helpdesk's API than is left this minute/);
    assert.match(text, /Try "report 7d"/);
  });
});
