import { LRUCache } from 'lru-cache';
import pTimeout from 'p-timeout';
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { SentenceError } from './i18n/sentence.js';
import { TtlCache, type SharedLayer } from './ticketing/cache.js';
import type { User } from './ticketing/types.js';
import { isUuid } from './ticketing/validate.js';

/** The acting user could not be established; nothing may be written in their name. */
export class IdentityError extends SentenceError {
  override name = 'IdentityError';
}

export interface IdentityOptions {
  /** How long a looked-up user is reused, in ms; default 1 h. */
  ttlMs?: number;
  /**
   * The most a member look-up may take, in ms; default 2,500: the connector client retries a
   * failing service for longer than Teams waits for a card action's answer.
   */
  lookupTimeoutMs?: number;
  /** Users kept in this process; default 10,000. */
  capacity?: number;
  /** Where other replicas find the users they looked up (Redis); unset: this process's only. */
  shared?: SharedLayer;
}

/**
 * Guest accounts' UPNs look like `jane_contoso.com#EXT#@fabrikam.onmicrosoft.com`; the person's
 * address is the part before `#EXT#` with its last `_` turned back into `@`.
 */
export function emailFromUpn(upn: string): string {
  const ext = upn.indexOf('#EXT#');
  if (ext === -1) return upn;
  const local = upn.slice(0, ext);
  const at = local.lastIndexOf('_');
  return at === -1 ? local : `${local.slice(0, at)}@${local.slice(at + 1)}`;
}

/**
 * Teams answers a member look-up in a chat the bot is not in (the message extension works in any
 * chat) with 403 BotNotInConversationRoster: there it cannot say who the person is.
 */
function notInRoster(error: unknown): boolean {
  const { statusCode, code } = (typeof error === 'object' && error !== null ? error : {}) as { statusCode?: unknown; code?: unknown };
  return statusCode === 403 && code === 'BotNotInConversationRoster';
}

/**
 * Teams user → Ticketing user, from the authenticated activity only (never card data or text):
 * `from.aadObjectId`, `from.name`, and the email from the connector's member record, cached per
 * user for `ttlMs` (concurrent turns of one user share one lookup; a failed lookup is not kept).
 */
export class IdentityResolver {
  private readonly users: TtlCache<User>;
  private readonly lookupTimeoutMs: number;

  constructor(options: IdentityOptions = {}) {
    this.users = new TtlCache(options.ttlMs ?? 60 * 60 * 1000, undefined, options.capacity ?? 10_000, options.shared);
    this.lookupTimeoutMs = options.lookupTimeoutMs ?? 2500;
  }

  actorFor(context: TurnContext): Promise<User> {
    const from = context.activity.from;
    const id = from?.aadObjectId;
    if (!from?.id || !id) {
      return Promise.reject(new IdentityError({ key: 'identity.unknownSpeaker' }));
    }
    return this.users.get(id, () => this.lookUp(context, from.id, id, from.name, 'self'));
  }

  /**
   * Another person of this conversation, by AAD object id (the connector accepts it in place of
   * the Teams user id), e.g. the author of a message a ticket is made from. `knownName`: the name
   * Teams gave with the request (a message's author), used when the member record has none.
   */
  personFor(context: TurnContext, aadObjectId: string, knownName?: string): Promise<User> {
    if (!isUuid(aadObjectId)) return Promise.reject(new IdentityError({ key: 'identity.unknownPerson' }));
    return this.users.get(aadObjectId.toLowerCase(), () => this.lookUp(context, aadObjectId, aadObjectId.toLowerCase(), knownName, 'other'));
  }

  private async lookUp(context: TurnContext, memberId: string, id: string, knownName: string | undefined, who: 'self' | 'other'): Promise<User> {
    let member;
    try {
      member = await pTimeout(TeamsInfo.getMember(context, memberId), { milliseconds: this.lookupTimeoutMs });
    } catch (error) {
      if (notInRoster(error)) throw new IdentityError({ key: 'identity.notInChat' });
      throw new IdentityError({ key: 'identity.lookupFailed' });
    }
    // The record must be the person's own: a connector (or, in local mode, whoever answers at the
    // activity's service URL) that returns someone else's would put their email on this person's writes.
    if (member.aadObjectId?.toLowerCase() !== id.toLowerCase()) {
      throw new IdentityError({ key: 'identity.otherAccount' });
    }
    const email = member.email || (member.userPrincipalName ? emailFromUpn(member.userPrincipalName) : undefined);
    // Teams' member records may lack a name; the helpdesk needs a name, so the address stands in.
    const name = knownName || member.name || email;
    if (!email || !name) {
      throw new IdentityError(who === 'self' ? { key: 'identity.noEmail' }
        : knownName ? { key: 'identity.noEmailNamed', vars: { name: knownName } } : { key: 'identity.noEmailOther' });
    }
    return { id, name, email: email.toLowerCase() };
  }
}

/** Building an Intl formatter costs more than the rest of a turn's routing: one per zone, kept (the zone is the sender's to choose, so at most 1,000). */
const zoneFormats = new LRUCache<string, Intl.DateTimeFormat>({ max: 1000 });

/** The formatter that tells `zone`'s offset; undefined for a zone Intl does not know (its constructor refuses it). */
function zoneFormat(zone: string): Intl.DateTimeFormat | undefined {
  let format = zoneFormats.get(zone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    } catch {
      return undefined;
    }
    zoneFormats.set(zone, format);
  }
  return format;
}

/** The zone's offset from UTC in hours at `at`, as "GMT+05:30" tells it. */
function offsetOfZone(format: Intl.DateTimeFormat, at: Date): number | undefined {
  const part = format.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
  if (part === 'GMT') return 0;
  const m = part?.match(/^GMT([+-])(\d{2}):(\d{2})$/);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) + Number(m[3]) / 60) : undefined;
}

/**
 * Where a person's clock is: an IANA zone (its offset changes with daylight saving), or a fixed
 * offset from UTC in hours when Teams sent only a local timestamp, or the configured default.
 */
export type TimeZone = { iana: string } | { fixedHours: number };

/** The API takes offsets from -12 to 14 hours. */
function withinApiRange(hours: number): number {
  return Math.min(14, Math.max(-12, hours));
}

/**
 * The zone an activity tells of: its IANA zone when Intl knows it, else the offset of its local
 * timestamp; undefined when it tells neither.
 */
export function toldZoneOf(activity: { localTimezone?: string; rawLocalTimestamp?: string }): TimeZone | undefined {
  if (activity.localTimezone && zoneFormat(activity.localTimezone)) return { iana: activity.localTimezone };
  if (activity.rawLocalTimestamp) {
    const m = activity.rawLocalTimestamp.match(/([+-])(\d{2}):?(\d{2})$/);
    if (m) return { fixedHours: withinApiRange((m[1] === '-' ? -1 : 1) * (Number(m[2]) + Number(m[3]) / 60)) };
    if (/Z$/.test(activity.rawLocalTimestamp)) return { fixedHours: 0 };
  }
  return undefined;
}

/** The speaker's zone: the one the activity tells of, else `fallback` hours. */
export function zoneOf(activity: { localTimezone?: string; rawLocalTimestamp?: string }, fallback: number): TimeZone {
  return toldZoneOf(activity) ?? { fixedHours: fallback };
}

/** The zone's offset from UTC in hours at `at` (5.5 in India; 2 in Paris in summer, 1 in winter). */
export function offsetAt(zone: TimeZone, at: Date): number {
  if ('fixedHours' in zone) return zone.fixedHours;
  const format = zoneFormat(zone.iana);
  return withinApiRange((format && offsetOfZone(format, at)) ?? 0);
}
