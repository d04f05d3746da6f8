/**
 * The sandbox's state: one instance, its tag categories, tickets and their activities, in memory.
 * Request handlers call the mutating methods with already-validated input; tests read state
 * through the copies the readers return.
 */
import { randomUUID } from 'node:crypto';
import type {
  Activity, Instance, Resolution, TagCategory, TicketTag, User,
} from '../ticketing/types.js';
import { ApiError, ticketNotFound } from './errors.js';
import type { StoredActivity, StoredTicket } from './model.js';
import type { CommentInput, NewTicketInput, StatusChangeInput, TicketChanges } from './bodies.js';
import { seedInstance, seedTagCategories } from './seedInstance.js';
import { seedTickets } from './seedTickets.js';
import { wireTicket, type WireTicket } from './wire.js';
import { isResolutionStatus, isResolvedStatus } from './workflows.js';
import type { Dialect } from './dialect.js';


export class SandboxStore {
  private readonly byId = new Map<string, StoredTicket>();
  private readonly history = new Map<string, StoredActivity[]>();
  private readonly instanceRecord: Instance;
  private readonly categories: TagCategory[] = seedTagCategories();

  /**
   * @param seed load the seeded tickets (true) or start with none; the instance and tags are always there.
   * @param now the clock stamped on every change.
   * @param fieldsRequired false: every custom field of the instance is optional (a helpdesk whose form asks for nothing).
   */
  constructor(seed: boolean, private readonly now: () => Date, dialect: Dialect = 'live', fieldsRequired = true) {
    this.instanceRecord = fieldsRequired ? seedInstance() : withOptionalFields(seedInstance());
    if (!seed) return;
    // The page knows one workflow only: the documented seed keeps every ticket in it.
    const { tickets, activities } = seedTickets(undefined, dialect === 'live');
    for (const ticket of tickets) {
      this.byId.set(ticket.id, ticket);
      this.history.set(ticket.id, activities.get(ticket.id) ?? []);
    }
  }

  /** How many tickets there are. */
  get size(): number {
    return this.byId.size;
  }

  /** Every ticket by number, as the API returns it (the number as `ticketId`); copies. */
  allTickets(): WireTicket[] {
    return [...this.byId.values()].sort((a, b) => a.number - b.number).map(wireTicket);
  }

  ticketByNumber(number: number): WireTicket | undefined {
    const found = [...this.byId.values()].find((t) => t.number === number);
    return found && wireTicket(found);
  }

  ticketById(id: string): WireTicket | undefined {
    const found = this.find(id);
    return found && wireTicket(found);
  }

  /** A ticket's activities, newest first (as GET /activities answers); empty for an unknown ticket. */
  activities(ticketId: string): Activity[] {
    return this.activitiesOf(ticketId).map((a) => structuredClone(a));
  }

  instance(): Instance {
    return structuredClone(this.instanceRecord);
  }

  tagCategories(): TagCategory[] {
    return structuredClone(this.categories);
  }

  /** The live records, for the request handlers: not to be mutated outside this class. */
  all(): readonly StoredTicket[] {
    return [...this.byId.values()];
  }

  find(id: string): StoredTicket | undefined {
    return this.byId.get(id.toLowerCase());
  }

  activitiesOf(ticketId: string): StoredActivity[] {
    return [...(this.history.get(ticketId.toLowerCase()) ?? [])].reverse();
  }

  /** Live instance and categories, for validating input against. */
  catalog(): { instance: Instance; categories: readonly TagCategory[] } {
    return { instance: this.instanceRecord, categories: this.categories };
  }

  create(input: NewTicketInput, user: User): StoredTicket {
    const at = this.stamp();
    const number = Math.max(0, ...[...this.byId.values()].map((t) => t.number)) + 1;
    const ticket: StoredTicket = {
      id: randomUUID(),
      number,
      title: input.title,
      ...(input.description !== undefined ? { description: input.description } : {}),
      status: 'Open',
      priority: input.priority ?? 'Medium',
      requestor: input.requestor,
      ...(input.assignee ? { assignee: input.assignee } : {}),
      customFields: input.customFields ?? {},
      ...(input.expectedDate ? { expectedDate: input.expectedDate } : {}),
      createdOn: at,
      lastUpdatedOn: at,
      tags: input.tags ?? [],
      isFrtEscalated: false,
      isRtEscalated: false,
      createdBy: user,
      lastUpdatedBy: user,
    };
    this.registerTags(ticket.tags);
    this.byId.set(ticket.id, ticket);
    this.history.set(ticket.id, []);
    return ticket;
  }

  update(id: string, changes: TicketChanges, user: User): StoredTicket {
    const ticket = this.require(id);
    if (changes.title !== undefined) ticket.title = changes.title;
    if (changes.requestor !== undefined) ticket.requestor = changes.requestor;
    if (changes.priority !== undefined) ticket.priority = changes.priority;
    if (changes.description === null) delete ticket.description;
    else if (changes.description !== undefined) ticket.description = changes.description;
    if (changes.assignee === null) delete ticket.assignee;
    else if (changes.assignee !== undefined) ticket.assignee = changes.assignee;
    if (changes.expectedDate === null) delete ticket.expectedDate;
    else if (changes.expectedDate !== undefined) ticket.expectedDate = changes.expectedDate;
    if (changes.tags !== undefined) {
      ticket.tags = changes.tags;
      this.registerTags(changes.tags);
    }
    for (const [fieldId, value] of Object.entries(changes.customFields ?? {})) {
      if (value === null) delete ticket.customFields[fieldId];
      else ticket.customFields[fieldId] = value;
    }
    this.touch(ticket, user, this.stamp());
    return ticket;
  }

  /** Moves a ticket to another status and records the change; 409 when it already has that status. */
  changeStatus(id: string, change: StatusChangeInput, user: User): StoredTicket {
    const ticket = this.require(id);
    if (ticket.status === change.status) {
      throw new ApiError(409, 'InvalidTransition', `Ticket #${ticket.number} is already ${change.status}.`);
    }
    const at = this.stamp();
    const previousStatus = ticket.status;
    ticket.status = change.status;
    if (isResolutionStatus(ticket.workflowId, change.status)) {
      this.resolve(ticket, change.resolution, change.comment, at);
    } else if (!isResolvedStatus(ticket.workflowId, change.status)) {
      delete ticket.resolution;
    }
    this.append(ticket, {
      id: randomUUID(),
      ticketId: ticket.id,
      type: 'status',
      status: change.status,
      previousStatus,
      ...(change.resolution ? { resolution: change.resolution } : {}),
      ...(change.comment !== undefined ? { comment: change.comment } : {}),
      isPrivate: false,
      createdDateTime: at,
      createdBy: user,
    });
    this.touch(ticket, user, at);
    return ticket;
  }

  addComment(id: string, input: CommentInput, user: User): StoredActivity {
    const ticket = this.require(id);
    const at = this.stamp();
    const activity: StoredActivity = {
      id: randomUUID(),
      ticketId: ticket.id,
      type: 'comment',
      comment: input.comment,
      isPrivate: input.isPrivate,
      createdDateTime: at,
      createdBy: user,
    };
    this.append(ticket, activity);
    this.touch(ticket, user, at);
    return activity;
  }

  private resolve(ticket: StoredTicket, resolution: Resolution | undefined, comment: string | undefined, at: string): void {
    if (resolution) ticket.resolution = resolution;
    else delete ticket.resolution;
    ticket.lastResolutionOn = at;
    ticket.firstResolutionOn ??= at;
    if (comment !== undefined) ticket.lastResolutionComment = comment;
    else delete ticket.lastResolutionComment;
  }

  private require(id: string): StoredTicket {
    const ticket = this.find(id);
    if (!ticket) throw ticketNotFound(id);
    return ticket;
  }

  private append(ticket: StoredTicket, activity: StoredActivity): void {
    const list = this.history.get(ticket.id) ?? [];
    list.push(activity);
    this.history.set(ticket.id, list);
  }

  /** Every change stamps who and when; the first one by someone other than the requestor is the first response. */
  private touch(ticket: StoredTicket, user: User, at: string): void {
    ticket.lastUpdatedOn = at;
    ticket.lastUpdatedBy = user;
    if (!ticket.firstResponseOn && user.id.toLowerCase() !== ticket.requestor.id.toLowerCase()) {
      ticket.firstResponseOn = at;
    }
  }

  /** A tag used on a ticket joins its category's list, as the app's tag picker does. */
  private registerTags(tags: readonly TicketTag[]): void {
    for (const tag of tags) {
      const category = this.categories.find((c) => c.id === tag.tagCategoryId);
      if (category && !category.tags.some((t) => t.text.toLowerCase() === tag.text.toLowerCase())) {
        category.tags.push({ text: tag.text, deleted: false });
      }
    }
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

/** A copy of the instance with every custom field optional, in each of the lists that name it (the seed's own objects stay as they are). */
function withOptionalFields(seeded: Instance): Instance {
  const instance = structuredClone(seeded);
  for (const list of [instance.customFields, instance.customFieldsLeft, instance.customFieldsRight, instance.optionalFieldsLeft, instance.optionalFieldsRight]) {
    for (const field of list ?? []) field.required = false;
  }
  return instance;
}
