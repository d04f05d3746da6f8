/**
 * Faults tests switch on to see how a caller copes with a failing service. Off unless injected;
 * each applies `times` times (default 1) to the requests it matches, first injected first.
 */
export type FaultKind =
  /** Answer this status with an error body instead of handling the request. */
  | { kind: 'status'; status: number; code?: string; retryAfterS?: number }
  /** Handle the request normally after a delay. */
  | { kind: 'delay'; ms: number }
  /** Answer 200 with a body that is not JSON. */
  | { kind: 'malformed' }
  /**
   * Answer 200 `{"error": false}` without doing anything: a write answered without the object it
   * made or changed, as the live service answers the creates it drops.
   */
  | { kind: 'emptySuccess' }
  /** Handle the request fully (a write is applied), then drop the connection without answering. */
  | { kind: 'dropAfterApply' }
  /** Handle the request fully (a write is applied), then answer this 5xx: a gateway that gave up while the service acted. */
  | { kind: 'statusAfterApply'; status: number }
  /** Drop the connection without doing anything. */
  | { kind: 'dropBeforeRead' };

export interface FaultMatch {
  /** HTTP method, any case. */
  method?: string;
  /** A prefix of the path below the base, e.g. '/tickets'. */
  path?: string;
}

export type Fault = FaultKind & { times?: number; match?: FaultMatch };

interface Armed {
  fault: Fault;
  remaining: number;
}

export class FaultSwitch {
  private armed: Armed[] = [];

  /** Arms a fault; throws on a fault that could never be served (bad status, times or delay). */
  inject(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError('fault.times must be a whole number of at least 1');
    if (fault.kind === 'status' && (!Number.isInteger(fault.status) || fault.status < 200 || fault.status > 599)) {
      throw new RangeError('fault.status must be an HTTP status from 200 to 599');
    }
    if (fault.kind === 'statusAfterApply' && (!Number.isInteger(fault.status) || fault.status < 500 || fault.status > 599)) {
      throw new RangeError('fault.status must be a 5xx status');
    }
    if (fault.kind === 'delay' && (!Number.isFinite(fault.ms) || fault.ms < 0)) {
      throw new RangeError('fault.ms must be a number of milliseconds of at least 0');
    }
    this.armed.push({ fault: structuredClone(fault), remaining: times });
  }

  /** Disarms every fault. */
  clear(): void {
    this.armed = [];
  }

  /** How many more requests armed faults will affect. */
  get pending(): number {
    return this.armed.reduce((sum, entry) => sum + entry.remaining, 0);
  }

  /** The fault for this request, if one matches; it is used up by the call. */
  take(method: string, path: string): Fault | undefined {
    const entry = this.armed.find(({ fault }) =>
      (fault.match?.method === undefined || fault.match.method.toUpperCase() === method.toUpperCase())
      && (fault.match?.path === undefined || path.startsWith(fault.match.path)));
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.armed = this.armed.filter((e) => e !== entry);
    return entry.fault;
  }
}
