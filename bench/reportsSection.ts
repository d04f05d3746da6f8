/**
 * Section 6: what a report costs the API. A report over 1,000 tickets opened once, then the same
 * report (another period, so nothing is kept yet) opened by 20 people at the same moment: the
 * second must cost what the first did, one reading shared through the bot's report cache.
 */
import type { Sandbox } from '../src/sandbox/index.js';
import { ADELE, message, type Person } from '../test/support/activities.js';
import type { BenchConnector } from './connector.js';
import { BotClient, summarize } from './load.js';
import type { BotHandle } from './botHandle.js';
import { mark, ms, type Report } from './report.js';

const TICKETS = 1000;
const READERS = 20;

export interface ReportsSectionDeps {
  sandbox: Sandbox;
  connector: BenchConnector;
  report: Report;
  startBot: (sandbox: Sandbox) => Promise<BotHandle>;
  say: (line: string) => void;
}

/** The people who open the report at once (agents: reports are agents' work). */
export function reportReaders(count: number): Person[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `29:report-reader-${i}`, aadObjectId: `00000000-0000-0000-0000-${(0xc000 + i).toString(16).padStart(12, '0')}`,
    name: `Report Reader${i}`, email: `report.reader${i}@contoso.com`,
  }));
}

export async function sectionReports({ sandbox, connector, report, startBot, say }: ReportsSectionDeps): Promise<void> {
  // 1,000 tickets created now, open, changed in any period: the report reads every one of them.
  const requestor = { id: ADELE.aadObjectId, name: ADELE.name, email: ADELE.email };
  for (let i = 0; i < TICKETS; i++) sandbox.store.create({ title: `Report bench ${i}`, requestor, priority: 'Medium' }, requestor);
  const total = sandbox.store.all().length;
  const bot = await startBot(sandbox);
  const client = new BotClient(bot.url);
  const readers = reportReaders(READERS);
  connector.addPeople(readers);
  const where = { serviceUrl: connector.url };
  const lists = () => sandbox.requests.filter((r) => r.path === '/tickets').length;
  try {
    const r0 = lists();
    const once = await client.post(message(ADELE, 'report 30d', where));
    const single = lists() - r0;
    const r1 = lists();
    const crowd = await Promise.all(readers.map((p) => client.post(message(p, 'report 31d', where))));
    const together = lists() - r1;
    const bad = [once, ...crowd].filter((a) => a.status !== 200).length;
    const latency = summarize(crowd.map((a) => a.ms));
    say(`reports: one report ${single} list requests (${ms(once.ms)} ms); ${READERS} at once ${together} (p50 ${ms(latency.p50)} ms, max ${ms(latency.max)} ms)`);
    report.heading('6. API requests of a report');
    report.text(`The sandbox's seed and ${TICKETS.toLocaleString('en')} more tickets (${total.toLocaleString('en')} in all; the new ones open), rate limits lifted; `
      + '`report 30d` from one person, then `report 31d` (a period not read yet) from 20 people at the same moment. '
      + 'A report reads the changed tickets and the open ones in pages of 1,000 (`limit`, `select`, continuation token).\n');
    report.table(['case', 'GET /tickets', 'target', 'latency', ''], [
      ['one report', String(single), '≤ 4 (2 pages of changed, 2 of open)', `${ms(once.ms)} ms`, mark(single <= 4)],
      [`${READERS} people at once`, String(together), `= one report (${single})`, `p50 ${ms(latency.p50)} ms, max ${ms(latency.max)} ms`, mark(together === single)],
    ]);
    report.target({ section: '6', target: `a report over ${TICKETS.toLocaleString('en')} tickets: ≤ 4 API calls`, figure: String(single), ok: single <= 4 && bad === 0 });
    report.target({ section: '6', target: `the same report by ${READERS} people at once: one reading`, figure: String(together), ok: together === single && bad === 0 });
  } finally {
    client.close();
    await bot.stop();
  }
}
