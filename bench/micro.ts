/**
 * Prices the parts of a turn that src/ owns, one at a time, in this process's CPU time:
 * `tsx bench/micro.ts`. Evidence for bench/results.md's findings, not part of `npm run bench`.
 *
 *   - identity.ts utcOffsetOf (a zone's offset read once a quarter hour) vs reading it every call;
 *   - the cards (view model, adaptivecards-templating, the size check) for help, a
 *     10-row list, a ticket, and what serializing a card once more would cost;
 *   - one API call through TicketingClient (ky on fetch) vs ky alone (as the floor calls it) vs
 *     plain fetch vs node:http with a kept-alive agent, against a canned server in another
 *     process (so its cost is not counted).
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import ky from 'ky';
import { helpCard } from '../src/cards/helpCard.js';
import { listCard } from '../src/cards/listCard.js';
import { ticketCard } from '../src/cards/ticketCard.js';
import { utcOffsetOf } from '../src/identity.js';
import { startSandbox } from '../src/sandbox/index.js';
import { TicketingClient } from '../src/ticketing/client.js';
import { COMMAND_EXAMPLES } from '../src/features/parseCommand.js';

const N = Number(process.argv[2] ?? 5000);

async function price(name: string, fn: () => unknown, n = N): Promise<number> {
  for (let i = 0; i < Math.min(1000, n); i++) await fn();
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await fn();
  const c = process.cpuUsage(c0);
  const per = (c.user + c.system) / n / 1000;
  console.log(`${name.padEnd(72)} ${per.toFixed(4)} ms CPU/call`);
  return per;
}

/**
 * Prices several calls taking turns: a warm-up each, then `rounds` rounds in which each makes
 * n / rounds calls, in an order that rotates; prints each one's median over the rounds. Priced one
 * after another, TicketingClient.getTicket (the first) read 0.85 ms a call and ky alone 0.65 ms;
 * taking turns, 0.73 and 0.72.
 */
async function priceTakingTurns(calls: ReadonlyArray<readonly [string, () => Promise<unknown>]>, n: number, rounds = 8): Promise<void> {
  for (const [, fn] of calls) for (let i = 0; i < Math.min(1000, n); i++) await fn();
  const per = calls.map((): number[] => []);
  const each = Math.ceil(n / rounds);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < calls.length; k++) {
      const at = (k + round) % calls.length;
      const c0 = process.cpuUsage();
      for (let i = 0; i < each; i++) await calls[at]![1]();
      const c = process.cpuUsage(c0);
      per[at]!.push((c.user + c.system) / each / 1000);
    }
  }
  calls.forEach(([name], at) => {
    const sorted = [...per[at]!].sort((a, b) => a - b);
    console.log(`${name.padEnd(72)} ${sorted[Math.floor(sorted.length / 2)]!.toFixed(4)} ms CPU/call`);
  });
}

/** Same result as identity.ts offsetOfZone: one formatter kept per zone, formatToParts on every call. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function offsetKept(zone: string, at: Date): number | undefined {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, f);
  }
  const part = f.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
  if (part === 'GMT') return 0;
  const m = part?.match(/^GMT([+-])(\d{2}):(\d{2})$/);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) + Number(m[3]) / 60) : undefined;
}

/** A canned Ticketing API in another process: every request gets the same ticket JSON. */
async function cannedServer(body: string): Promise<{ url: string; stop(): void }> {
  const script = `
    const http = require('node:http');
    const body = Buffer.from(process.env.BODY);
    const s = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }); res.end(body); }); });
    s.keepAliveTimeout = 30000;
    s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;
  const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, BODY: body }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

async function main(): Promise<void> {
  console.log('# timezone (src/identity.ts utcOffsetOf)');
  await price('utcOffsetOf({ localTimezone: "Europe/Paris" })', () => utcOffsetOf({ localTimezone: 'Europe/Paris' }, 0));
  await price('the zone\'s offset read on every call (a kept formatter)', () => offsetKept('Europe/Paris', new Date()));

  const sandbox = await startSandbox({ port: 0, rateLimit: 1_000_000_000 });
  const client = new TicketingClient({ baseUrl: sandbox.baseUrl, apiKey: sandbox.primaryKey, rateLimit: { limit: 1_000_000_000, windowMs: 60_000 } });
  const [instance, tagCategories, page] = await Promise.all([client.getInstance(), client.getTags(), client.listTickets({ limit: 10 })]);
  const ticket = page.items[0]!;
  const rawTicket = JSON.stringify({ item: sandbox.store.ticketById(ticket.id) });
  await sandbox.close();

  console.log('\n# cards (src/cards/*: view model, adaptivecards-templating, the size check)');
  const commands = Object.entries(COMMAND_EXAMPLES).map(([, example]) => ({ example, meaning: 'what it does, in a few words' }));
  await price('helpCard (the help card)', () => helpCard({ commands, inChannel: false }));
  await price('listCard (10 tickets)', () => listCard(page.items, { heading: 'Tickets', subheading: 'Page 1 · newest first', empty: 'No tickets match.', next: { token: 'x' } }));
  await price('ticketCard (full card, with instance and tags)', () => ticketCard(ticket, { utcOffset: 1, instance, tagCategories }));
  await price('ticketCard, then JSON.stringify of it (what measuring every card cost)', () => JSON.stringify(ticketCard(ticket, { utcOffset: 1, instance, tagCategories })), 500);

  console.log('\n# one API call, client side only (a canned server in another process answers)');
  const canned = await cannedServer(rawTicket);
  const cannedClient = new TicketingClient({ baseUrl: `${canned.url}/ticketing/v1`, apiKey: 'k', rateLimit: { limit: 1_000_000_000, windowMs: 60_000 } });
  const user = { id: '00000000-0000-0000-0000-0000000000a1', name: 'Adele Vance', email: 'adele.vance@contoso.com' };
  const M = Math.min(N, 3000);
  const url = `${canned.url}/ticketing/v1/tickets/${ticket.id}?key=k&timezone=1`;
  // ky as the client and the bench's floor set it up: what any bot using ky pays per call.
  const http = ky.create({ prefixUrl: `${canned.url}/ticketing/v1`, retry: 0, throwHttpErrors: false, timeout: false, redirect: 'manual', headers: { accept: 'application/json' } });
  const kyPath = `tickets/${ticket.id}`;
  const kyParams = () => new URLSearchParams({ key: 'k', timezone: '1' });
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const viaHttp = (method: string, body?: string) => new Promise<unknown>((resolve, reject) => {
    const req = request(url, { method, agent, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    });
    req.on('error', reject);
    req.end(body);
  });
  await priceTakingTurns([
    ['TicketingClient.getTicket (ky on fetch; limiter, timer, normalize)', () => cannedClient.getTicket(ticket.id, { timezone: 1, deadline: Date.now() + 4500 })],
    ['TicketingClient.changeStatus (PUT with a JSON body)', () => cannedClient.changeStatus(ticket.id, { status: 'Resolved', resolution: 'fixed', comment: 'x' }, user, { timezone: 1, deadline: Date.now() + 4500 })],
    ['ky GET + JSON.parse (as the floor calls it)', async () => JSON.parse(await (await http(`${kyPath}?${kyParams()}`)).text())],
    ['ky PUT with a JSON body + JSON.parse', async () => JSON.parse(await (await http(`${kyPath}?${kyParams()}`, { method: 'PUT', json: { status: 'Resolved', user: {} } })).text())],
    ['fetch GET + JSON.parse', async () => JSON.parse(await (await fetch(url)).text())],
    ['fetch PUT with a JSON body + JSON.parse', async () => JSON.parse(await (await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"status":"Resolved","user":{}}' })).text())],
    ['node:http GET (kept-alive agent) + JSON.parse', () => viaHttp('GET')],
    ['node:http PUT with a JSON body + JSON.parse', () => viaHttp('PUT', '{"status":"Resolved","user":{}}')],
  ], M);
  agent.destroy();
  canned.stop();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
