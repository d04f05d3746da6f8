/**
 * The instance's workflows (live): the default one, whose state ids are its labels and which the
 * store keeps in the page's status names, and a custom "Hardware requests" workflow whose states
 * have ids of their own. A ticket of a custom workflow keeps that workflow's state id as its status.
 */
import type { Status } from '../ticketing/types.js';
import { RESOLVED_STATES, defaultWorkflow, statusFromLabel, statusLabel, statusLabels, type Dialect, type WorkflowState } from './dialect.js';

export interface CustomWorkflow {
  id: string;
  name: string;
  states: readonly { id: string; label: string }[];
  /** Ids of the states that count as resolved; the first is where a resolution is recorded. */
  resolved: readonly string[];
}

export const DEFAULT_WORKFLOW_ID = 'default';

/** Its states' ids. */
export const HARDWARE_STATE = {
  new: 'hw-new', ordered: 'hw-ordered', waiting: 'hw-waiting-for-vendor', delivered: 'hw-delivered', closed: 'hw-closed',
} as const;

export const HARDWARE_WORKFLOW: CustomWorkflow = {
  id: 'hardware-requests',
  name: 'Hardware requests',
  states: [
    { id: HARDWARE_STATE.new, label: 'New' },
    { id: HARDWARE_STATE.ordered, label: 'Ordered' },
    { id: HARDWARE_STATE.waiting, label: 'Waiting for vendor' },
    { id: HARDWARE_STATE.delivered, label: 'Delivered' },
    { id: HARDWARE_STATE.closed, label: 'Closed' },
  ],
  resolved: [HARDWARE_STATE.delivered, HARDWARE_STATE.closed],
};

const CUSTOM_WORKFLOWS: readonly CustomWorkflow[] = [HARDWARE_WORKFLOW];

/** Where the seed's default-workflow statuses land in the hardware workflow. */
export const HARDWARE_STATE_FOR: Readonly<Record<Status, string>> = {
  Open: HARDWARE_STATE.new, Started: HARDWARE_STATE.ordered, Reopened: HARDWARE_STATE.waiting,
  Resolved: HARDWARE_STATE.delivered, Closed: HARDWARE_STATE.closed,
};

/** A custom workflow by id; undefined for the default one (or none). */
export function customWorkflow(workflowId: string | undefined): CustomWorkflow | undefined {
  return CUSTOM_WORKFLOWS.find((w) => w.id === workflowId);
}

/** A custom workflow's states as a ticket read carries them: any state may move to any other. */
function wireStates(workflow: CustomWorkflow): WorkflowState[] {
  return workflow.states.map((state) => ({
    id: state.id,
    label: state.label,
    recordResolutionSLA: state.id === workflow.resolved[0],
    nextSteps: workflow.states.filter((s) => s !== state).map((s) => ({ targetId: s.id, transitionLabel: s.label })),
  }));
}

/** A stored status as the dialect shows it: the default workflow's label, or the custom state's label. */
export function statusText(workflowId: string | undefined, status: string, dialect: Dialect): string {
  const custom = customWorkflow(workflowId);
  if (custom) return custom.states.find((s) => s.id === status)?.label ?? status;
  return statusLabel(status as Status, dialect);
}

/** A live ticket's workflow fields: `isCustomWorkflow`, its states, and the labels that count as resolved. */
export function ticketWorkflow(workflowId: string | undefined): Record<string, unknown> {
  const custom = customWorkflow(workflowId);
  if (!custom) return { isCustomWorkflow: false, workflow: defaultWorkflow(), resolvedStatus: [...RESOLVED_STATES] };
  return {
    isCustomWorkflow: true,
    workflow: wireStates(custom),
    resolvedStatus: custom.resolved.map((id) => statusText(custom.id, id, 'live')),
  };
}

/** The instance's `workflows` (live): the default one first. */
export function instanceWorkflows(): Record<string, unknown>[] {
  return [
    { id: DEFAULT_WORKFLOW_ID, name: 'Default', isDefault: true, states: defaultWorkflow() },
    ...CUSTOM_WORKFLOWS.map((w) => ({ id: w.id, name: w.name, isDefault: false, states: wireStates(w) })),
  ];
}

/** True when a stored status counts as resolved in its workflow. */
export function isResolvedStatus(workflowId: string | undefined, status: string): boolean {
  const custom = customWorkflow(workflowId);
  return custom ? custom.resolved.includes(status) : status === 'Resolved' || status === 'Closed';
}

/** True when a stored status is where its workflow records a resolution (Resolved, in the default one). */
export function isResolutionStatus(workflowId: string | undefined, status: string): boolean {
  const custom = customWorkflow(workflowId);
  return custom ? custom.resolved[0] === status : status === 'Resolved';
}

/** A status position within its workflow, for `orderBy=status`. */
export function statusOrder(workflowId: string | undefined, status: string): number {
  const custom = customWorkflow(workflowId);
  return custom ? custom.states.findIndex((s) => s.id === status) : statusLabels('documented').indexOf(status);
}

/**
 * The stored status a status change names for a ticket of this workflow, or undefined. The
 * default workflow takes the dialect's labels; a custom one its state ids (S3: "for custom
 * workflows use the target state's ID"), never their labels.
 */
export function statusForChange(workflowId: string | undefined, value: string, dialect: Dialect): string | undefined {
  const custom = customWorkflow(workflowId);
  if (custom) return custom.states.find((s) => s.id === value)?.id;
  return statusFromLabel(value, dialect);
}

/** What a status change may name for a ticket of this workflow, for the 400's message. */
export function changeTargets(workflowId: string | undefined, dialect: Dialect): string[] {
  const custom = customWorkflow(workflowId);
  return custom ? custom.states.map((s) => `${s.id} (${s.label})`) : statusLabels(dialect);
}

/** The stored status a live `statusId` names, in any workflow: a default label or a custom state id. */
export function statusForStatusId(statusId: string): { workflowId?: string; status: string } | undefined {
  const status = statusFromLabel(statusId, 'live');
  if (status) return { status };
  for (const w of CUSTOM_WORKFLOWS) {
    if (w.states.some((s) => s.id === statusId)) return { workflowId: w.id, status: statusId };
  }
  return undefined;
}

/** Every live `statusId`, for the 400's message. */
export function liveStatusIds(): string[] {
  return [...statusLabels('live'), ...CUSTOM_WORKFLOWS.flatMap((w) => w.states.map((s) => s.id))];
}
