import { numberLabel } from '../cards/format.js';
import { EDIT_FIELD_PREFIX, EDIT_INPUTS, EDIT_TAG_PREFIX, fingerprint, isMultiInput } from '../cards/editForm.js';
import type { FormValues } from '../cards/formInputs.js';
import { PRIORITIES, type CustomFieldValue, type Instance, type TagCategory, type Ticket, type TicketUpdates } from '../ticketing/types.js';
import { instanceAgents } from '../ticketing/instance.js';
import type { Translate } from '../i18n/translate.js';
import type { Answer, FeatureContext } from './context.js';
import { FeatureError } from './featureError.js';
import { readCustomFields, readTags } from './formValues.js';
import { callOptions, catalogOptions, lastReadTicket } from './ticketRef.js';
import { ticketAnswer } from './ticketAnswer.js';
import { writeOrFind, writeOptions } from './unknownOutcome.js';

/** What the Edit form sent. */
export interface TicketEdits {
  /** Absent: the title stays as it is (a blank one is never sent). */
  title?: string;
  /** Absent: the form had no description input (a description too long to carry); '' clears it. */
  description?: string;
  /** `YYYY-MM-DD`, as the live service takes it. */
  expectedDate?: string;
  /** The form's other inputs as sent: priority, assignee, tags, custom fields (see editInputs.ts). */
  inputs?: FormValues;
  /** What each input showed, fingerprinted; an input without one counts as changed. */
  was?: FormValues;
}

/** The inputs whose value differs from what the form showed. */
function changedInputs(sent: FormValues, was: FormValues, instance: Instance): FormValues {
  return Object.fromEntries(Object.entries(sent).filter(([id, value]) => was[id] !== fingerprint(value, isMultiInput(id, instance))));
}

/**
 * The update for what changed, checked as the create form checks it; `problems`: what cannot be
 * saved, in the reader's words. Tags are written whole: when any tag input changed, every tag
 * input the form sent makes the new list.
 */
function updatesFor(sent: FormValues, changed: FormValues, instance: Instance, categories: readonly TagCategory[], t: Translate): { updates: TicketUpdates; problems: string[] } {
  const updates: TicketUpdates = {};
  const problems: string[] = [];
  if (changed[EDIT_INPUTS.title] !== undefined) updates.title = changed[EDIT_INPUTS.title];
  if (changed[EDIT_INPUTS.description] !== undefined) updates.description = changed[EDIT_INPUTS.description];
  if (changed[EDIT_INPUTS.expectedDate] !== undefined) updates.expectedDate = changed[EDIT_INPUTS.expectedDate];
  const priority = changed[EDIT_INPUTS.priority];
  if (priority !== undefined) {
    const known = PRIORITIES.find((p) => p === priority);
    if (known) updates.priority = known;
    else problems.push(t('command.priority', { priorities: { key: 'command.priorityWords' } }));
  }
  const assigneeId = changed[EDIT_INPUTS.assignee]?.trim();
  if (assigneeId === '') problems.push(t('change.cannotUnassign'));
  else if (assigneeId !== undefined) {
    const assignee = instanceAgents(instance).find((a) => a.id === assigneeId);
    if (assignee) updates.assignee = assignee;
    else problems.push(t('form.assignee'));
  }
  if (Object.keys(changed).some((id) => id.startsWith(EDIT_TAG_PREFIX))) {
    const tagInputs = Object.fromEntries(Object.entries(sent).filter(([id]) => id.startsWith(EDIT_TAG_PREFIX)));
    const { tags, errors } = readTags(tagInputs, categories, EDIT_TAG_PREFIX, t);
    updates.tags = tags;
    problems.push(...Object.values(errors));
  }
  const { custom, errors } = readCustomFields(changed, instance, EDIT_FIELD_PREFIX, t, 'edit');
  if (Object.keys(custom).length > 0) updates.customFields = custom;
  problems.push(...Object.values(errors));
  return { updates, problems: [...new Set(problems)] };
}

/** A custom field's value in one comparable form: people by id, lists in any order. */
function comparable(value: CustomFieldValue | undefined): string {
  if (!Array.isArray(value)) return JSON.stringify(value ?? null);
  return JSON.stringify(value.map((v) => (typeof v === 'string' ? v : v.id.toLowerCase())).sort());
}

/**
 * Whether a ticket read after an edit whose answer was lost shows every field the edit sent. A
 * value read back in another form than it was sent counts as not shown: an edit is a PUT, so
 * "most likely not saved, try again" costs at worst the same edit twice, where "edited" for an
 * edit not made would lose it.
 */
function showsEdit(now: Ticket, updates: TicketUpdates): boolean {
  const tagTexts = (tags: ReadonlyArray<{ text: string }>) => JSON.stringify(tags.map((tag) => tag.text.toLowerCase()).sort());
  return (updates.title === undefined || now.title === updates.title)
    && (updates.description === undefined || (now.description ?? '') === updates.description)
    && (updates.expectedDate === undefined || now.expectedDate?.startsWith(updates.expectedDate) === true)
    && (updates.priority === undefined || now.priority === updates.priority)
    && (updates.assignee === undefined || now.assignee?.id.toLowerCase() === updates.assignee.id.toLowerCase())
    && (updates.tags === undefined || tagTexts(now.tags ?? []) === tagTexts(updates.tags))
    && Object.entries(updates.customFields ?? {}).every(([field, value]) => comparable(now.customFields?.[field]) === comparable(value));
}

/**
 * Edit after creation, from the card's Edit form: one update with only what the person changed
 * (live `{ticket, user}`, documented `{updates, user}`), as the acting user; nothing changed, no
 * API call (the card comes from the cache). Agents only (the permission rule: an unnamed verb is
 * agents' work).
 */
export async function editTicket(ctx: FeatureContext, id: string, edits: TicketEdits): Promise<Answer> {
  const actor = await ctx.actor();
  const { t } = ctx.locale;
  const [instance, categories] = await Promise.all([ctx.client.getInstance(catalogOptions(ctx)), ctx.client.getTags(catalogOptions(ctx))]);
  const sent: FormValues = {
    ...edits.inputs,
    ...(edits.title === undefined ? {} : { [EDIT_INPUTS.title]: edits.title }),
    ...(edits.description === undefined ? {} : { [EDIT_INPUTS.description]: edits.description }),
    ...(edits.expectedDate === undefined ? {} : { [EDIT_INPUTS.expectedDate]: edits.expectedDate }),
  };
  const { updates, problems } = updatesFor(sent, changedInputs(sent, edits.was ?? {}, instance), instance, categories, t);
  if (problems.length > 0) throw new FeatureError({ key: 'change.notEdited', vars: { problems: problems.join(' ') } }, id);
  if (Object.keys(updates).length === 0) {
    const ticket = await lastReadTicket(ctx, id);
    const said = t('change.nothingToSave', { ticket: numberLabel(ticket.number) });
    const answer = await ticketAnswer(ctx, ticket, { note: said });
    return { ...answer, summary: said };
  }
  const ticket = await writeOrFind(
    () => ctx.client.updateTicket(id, updates, actor, writeOptions(ctx)),
    async () => {
      const now = await ctx.client.getTicket(id, callOptions(ctx));
      return showsEdit(now, updates) ? now : undefined;
    },
    { key: 'change.notSaved' },
  );
  await ctx.tickets.remember(ticket);
  const said = t('change.edited', { name: actor.name, ticket: numberLabel(ticket.number) });
  const answer = await ticketAnswer(ctx, ticket, { note: said, noteStyle: 'good' });
  return { ...answer, summary: said, changed: true };
}
