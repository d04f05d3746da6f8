/**
 * Reports as the bot serves them: each period's tickets read once and kept a few minutes
 * (lru-cache with `ttl` and `fetchMethod`, so that a channel opening the same report at once costs
 * one reading), the figures computed per reader, and the signed export links.
 */
import { LRUCache } from 'lru-cache';
import { WRITE_SHARE } from '../cache/busyCopy.js';
import { FeatureError } from '../features/featureError.js';
import type { TicketingClient } from '../ticketing/client.js';
import { instanceFields } from '../ticketing/instance.js';
import type { TicketTag, User } from '../ticketing/types.js';
import { ExportLinks, type ExportGrant } from './exportLinks.js';
import { assignedOnly, computeFigures, localDate, type ReportFigures } from './figures.js';
import { readPeriod, type PeriodTickets } from './readPeriod.js';
import { placePeriod, type Period, type ReportRequest } from './reportRequest.js';
import { csvFileName, ticketsCsv } from './ticketsCsv.js';
import { translatorFor, type Language } from '../i18n/translate.js';

export interface ReportsOptions {
  client: TicketingClient;
  /** How long a period's tickets are kept and shared, in ms. */
  cacheTtlMs: number;
  /** The most tickets one walk (changed, or open) may read. */
  maxTickets: number;
  /** Signs export links; at least 32 bytes. */
  exportSecret: Buffer;
  /** How long an export link works, in ms. */
  exportTtlMs: number;
  /** The bot's public base URL, as Teams users reach it (export links start with it). */
  publicUrl: () => string;
  now?: () => number;
}

/** Who reads a report: their offset from UTC in hours, their AAD object id, their turn's deadline and their language. */
export interface Reader {
  utcOffset: number;
  aadObjectId?: string;
  deadline: number;
  /** For the CSV's column headers; absent: English. */
  language?: Language;
}

export interface Report {
  request: ReportRequest;
  period: Period;
  figures: ReportFigures;
  /** When the tickets were read (epoch ms): a kept reading may be minutes old. */
  readAt: number;
}

export interface CsvFile {
  name: string;
  bytes: Buffer;
}

function assigneeMatcher(assignee: string | undefined, assigneeId: string | undefined): ((u: User) => boolean) | undefined {
  if (assigneeId !== undefined) return (u) => u.id.toLowerCase() === assigneeId.toLowerCase();
  if (assignee === undefined) return undefined;
  const wanted = assignee.toLowerCase();
  return (u) => u.email.toLowerCase() === wanted || u.name.toLowerCase() === wanted;
}

export class Reports {
  private readonly cache: LRUCache<string, PeriodTickets, () => Promise<PeriodTickets>>;
  private readonly links: ExportLinks;
  private readonly now: () => number;

  constructor(private readonly options: ReportsOptions) {
    this.now = options.now ?? Date.now;
    this.links = new ExportLinks(options.exportSecret, options.exportTtlMs, this.now);
    this.cache = new LRUCache({
      // REPORT_CACHE_S=0 means "read again every time"; lru-cache takes a ttl of 0 as "forever".
      ttl: Math.max(1, options.cacheTtlMs),
      ttlResolution: 0,
      perf: { now: () => this.now() },
      // Bounded by tickets held, not by entries: a few large periods, or many small ones.
      maxSize: options.maxTickets * 4,
      sizeCalculation: (data) => data.changed.length + data.open.length + 1,
      fetchMethod: (_key, _stale, { context: read }) => read(),
      // A reading under way that a large one pushes out still answers its callers (lru-cache would
      // reject them with Error("evicted")); it is only not kept.
      ignoreFetchAbort: true,
    });
  }

  get exportTtlMs(): number {
    return this.options.exportTtlMs;
  }

  /** The tag's `{tagCategoryId, text}`, from the cached tag list; a tag the helpdesk does not have is refused. */
  private async tagFilter(tag: string | undefined, deadline: number): Promise<TicketTag[] | undefined> {
    if (tag === undefined) return undefined;
    const wanted = tag.toLowerCase();
    const categories = await this.options.client.getTags({ deadline });
    for (const c of categories) {
      const found = c.deleted ? undefined : c.tags.find((t) => !t.deleted && t.text.toLowerCase() === wanted);
      if (found) return [{ tagCategoryId: c.id ?? '', text: found.text }];
    }
    throw new FeatureError({ key: 'errors.noTag', vars: { tag } });
  }

  /** The period's tickets, read once per period start and tag while kept; callers at the same time share one reading. */
  private async tickets(request: ReportRequest, start: number, deadline: number): Promise<PeriodTickets> {
    const tags = await this.tagFilter(request.tag, deadline);
    const { client } = this.options;
    const reserve = client.readsShareWriteKey ? Math.floor(client.rateLimit.limit * WRITE_SHARE) : 0;
    const key = JSON.stringify([start, tags ?? null]);
    const read = () => readPeriod({ client, start, tags, maxTickets: this.options.maxTickets, reserve, deadline }, this.now);
    const data = await this.cache.fetch(key, { context: read });
    // fetch() gives undefined only when the read does, which a Promise<PeriodTickets> cannot.
    if (!data) throw new Error('report: the reading gave nothing');
    return data;
  }

  private async compute(request: ReportRequest, period: Period, utcOffset: number, deadline: number, assigneeId?: string): Promise<{ data: PeriodTickets; report: Report }> {
    const all = await this.tickets(request, period.start, deadline);
    const matcher = assigneeMatcher(request.assignee, assigneeId);
    const data = matcher ? assignedOnly(all, matcher) : all;
    return { data, report: { request, period, figures: computeFigures(data, period, utcOffset), readAt: data.readAt } };
  }

  /** The report for `reader`. `assigned to me` needs the reader's AAD object id. */
  async report(request: ReportRequest, reader: Reader): Promise<Report> {
    const period = placePeriod(request.period, this.now(), reader.utcOffset);
    return (await this.compute(request, period, reader.utcOffset, reader.deadline, this.assigneeIdFor(request, reader))).report;
  }

  private assigneeIdFor(request: ReportRequest, reader: Reader): string | undefined {
    if (request.assignee !== 'me') return undefined;
    if (!reader.aadObjectId) throw new FeatureError({ key: 'errors.whoAreYouForMine' });
    return reader.aadObjectId;
  }

  /** A link to the CSV of `report`, for `reader` alone to be offered; it works for `exportTtlMs`. */
  exportLink(report: Report, reader: Reader): string {
    if (!reader.aadObjectId) throw new FeatureError({ key: 'errors.whoAreYouForLink' });
    const grant: ExportGrant = {
      request: report.request, start: report.period.start, utcOffset: reader.utcOffset, assigneeId: this.assigneeIdFor(report.request, reader),
      ...(reader.language === undefined ? {} : { language: reader.language }),
    };
    return `${this.options.publicUrl().replace(/\/+$/, '')}/exports/${this.links.sign(grant, reader.aadObjectId)}`;
  }

  /** The grant of a valid, unexpired export token (signed for `asker`, when given); undefined otherwise. */
  grantOf(token: unknown, asker?: string): ExportGrant | undefined {
    return this.links.verify(token, asker);
  }

  /** The language an export token was signed for, expired or not; undefined for a forged one. */
  linkLanguage(token: unknown): Language | undefined {
    return this.links.languageOf(token);
  }

  /** The CSV of a grant's period: every ticket changed in it, from the kept reading when there is one. */
  async csv(grant: ExportGrant, deadline: number): Promise<CsvFile> {
    const period = { ...placePeriod(grant.request.period, grant.start, grant.utcOffset), start: grant.start };
    const { data } = await this.compute(grant.request, period, grant.utcOffset, deadline, grant.assigneeId);
    const instance = await this.options.client.getInstance({ deadline });
    const t = translatorFor(grant.language ?? 'en');
    const name = csvFileName(localDate(grant.start, grant.utcOffset), localDate(data.readAt, grant.utcOffset), t);
    return { name, bytes: ticketsCsv(data.changed, instanceFields(instance), t) };
  }
}
