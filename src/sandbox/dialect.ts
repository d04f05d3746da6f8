/**
 * The two dialects the sandbox speaks, strictly: `documented` is the vendor's page to the letter,
 * `live` the service as it runs today (see the README's "the page, the live service, what we do").
 * The store keeps one model; this file translates its status names at the wire.
 */
import { DIALECTS, type Dialect, type Status } from '../ticketing/types.js';

// The client's dialects are the sandbox's: one list of names.
export { DIALECTS, type Dialect };

export function isDialect(value: unknown): value is Dialect {
  return DIALECTS.some((d) => d === value);
}

/** The live default workflow's label for each stored status: the page's `Started` is `In Progress`. */
const LIVE_LABELS: Readonly<Record<Status, string>> = {
  Open: 'Open', Reopened: 'Reopened', Started: 'In Progress', Resolved: 'Resolved', Closed: 'Closed',
};

/** A stored status as the dialect names it on the wire. */
export function statusLabel(status: Status, dialect: Dialect): string {
  return dialect === 'live' ? LIVE_LABELS[status] : status;
}

/** The labels a dialect takes in a status change, in workflow order. */
export function statusLabels(dialect: Dialect): string[] {
  return (Object.keys(LIVE_LABELS) as Status[]).map((s) => statusLabel(s, dialect));
}

/** The stored status a dialect's label names; undefined for a label of the other dialect. */
export function statusFromLabel(label: string, dialect: Dialect): Status | undefined {
  return (Object.keys(LIVE_LABELS) as Status[]).find((s) => statusLabel(s, dialect) === label);
}

/** A state of a live workflow, as a ticket read carries it. */
export interface WorkflowState {
  id: string;
  label: string;
  recordResolutionSLA: boolean;
  nextSteps: { targetId: string; transitionLabel: string }[];
}

/** The live default workflow: ids are the labels; any state may move to any other. */
export function defaultWorkflow(): WorkflowState[] {
  const labels = statusLabels('live');
  return labels.map((label) => ({
    id: label,
    label,
    recordResolutionSLA: label === 'Resolved',
    nextSteps: labels.filter((other) => other !== label).map((other) => ({ targetId: other, transitionLabel: other })),
  }));
}

/** The states that count as resolved in the default workflow (a live ticket's `resolvedStatus`). */
export const RESOLVED_STATES: readonly string[] = ['Resolved', 'Closed'];
