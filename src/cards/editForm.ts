import { createHash } from 'node:crypto';
import type { CustomField, CustomFieldValue, Instance, TagCategory, Ticket } from '../ticketing/types.js';
import { instanceAgents, instanceFields } from '../ticketing/instance.js';
import type { Choice, CustomInput, TagGroup } from './createFormCard.js';
import { customFieldInputs, isMultiChoice, splitChoices, tagGroupInputs, tagValue, usableCategories, type FormValues } from './formInputs.js';

/** The Edit form's own input ids, apart from the create form's: its Save (the `edit` verb) reads them by these names. */
export const EDIT_INPUTS = {
  title: 'editTitle', description: 'editDescription', expectedDate: 'editExpectedDate', priority: 'editPriority', assignee: 'editAssignee',
} as const;
/** The longest text the form carries as an input; the card also shows it, and Teams caps a card's size. */
export const MAX_EDITABLE_TEXT = 2000;
export const EDIT_TAG_PREFIX = 'editTag_';
export const EDIT_FIELD_PREFIX = 'editField_';

/** The form's values beyond title, description and expected date, and what every input showed. */
export interface EditFormView {
  editAssignee: string;
  editAssigneeChoices: Choice[];
  editTagGroups: TagGroup[];
  editFields: CustomInput[];
  /**
   * Each input's value as shown, fingerprinted: Save sends it back, so that only what the person
   * changed is written (and a change someone made meanwhile elsewhere is not undone).
   */
  editWas: Record<string, string>;
}

/** A value as the form compares it: trimmed; a multi-select's parts in one order, whatever order the client sends. */
function comparable(value: string, multi: boolean): string {
  return multi ? splitChoices(value).sort().join(',') : value.trim();
}

/** A short digest of a value: the card carries no second copy of a long text, only this. */
export function fingerprint(value: string, multi: boolean): string {
  return createHash('sha256').update(comparable(value, multi)).digest('base64url').slice(0, 12);
}

/** Whether the input holds a comma-joined list: a tag group, or a people or multiple-items picker. */
export function isMultiInput(inputId: string, instance: Instance | undefined): boolean {
  if (inputId.startsWith(EDIT_TAG_PREFIX)) return true;
  const field = instanceFields(instance).find((f) => EDIT_FIELD_PREFIX + f.id === inputId);
  return field !== undefined && isMultiChoice(field);
}

/** A custom value as its input holds it: ids comma-joined, a date without its time, a toggle as true/false. */
function fieldValue(field: CustomField, value: CustomFieldValue | undefined): string {
  if (value === undefined) return field.type === 'toggle' ? 'false' : '';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return field.type === 'datepicker' ? value.slice(0, 10) : value;
  return value.map((item) => (typeof item === 'string' ? item : item.id)).join(',');
}

/** The ticket's tags, per category input: a live tag is plain text, found by its text in the category's list. */
function tagValues(ticket: Ticket, categories: readonly TagCategory[]): FormValues {
  const values: FormValues = {};
  for (const category of usableCategories(categories)) {
    const known = category.tags.filter((k) => !k.deleted).map((k) => k.text);
    const chosen = (ticket.tags ?? [])
      .filter((tag) => (tag.tagCategoryId === undefined || tag.tagCategoryId === category.id) && known.includes(tag.text))
      .map((tag) => tagValue(tag.text));
    values[EDIT_TAG_PREFIX + category.id] = [...new Set(chosen)].join(',');
  }
  return values;
}

/**
 * The Edit form's inputs with the ticket's current values. `shown`: the values of the inputs the
 * card builds itself (title, description when it carries it, expected date, priority).
 */
export function editFormView(ticket: Ticket, instance: Instance | undefined, categories: readonly TagCategory[] | undefined, shown: FormValues): EditFormView {
  const agents = instanceAgents(instance);
  const assignee = agents.find((a) => a.id.toLowerCase() === ticket.assignee?.id.toLowerCase());
  const values: FormValues = { ...shown, [EDIT_INPUTS.assignee]: assignee?.id ?? '', ...tagValues(ticket, categories ?? []) };
  for (const field of instanceFields(instance)) {
    const value = fieldValue(field, ticket.customFields?.[field.id]);
    // As with the description: a text too long to carry twice is edited in the helpdesk.
    if (value.length <= MAX_EDITABLE_TEXT) values[EDIT_FIELD_PREFIX + field.id] = value;
  }
  const editWas = Object.fromEntries(Object.entries(values).map(([id, value]) => [id, fingerprint(value, isMultiInput(id, instance))]));
  return {
    editAssignee: values[EDIT_INPUTS.assignee]!,
    editAssigneeChoices: agents.map((a) => ({ title: a.name, value: a.id })),
    editTagGroups: tagGroupInputs(categories ?? [], EDIT_TAG_PREFIX, values, {}),
    editFields: instance ? customFieldInputs(instance, EDIT_FIELD_PREFIX, values, {}).filter((input) => values[input.id] !== undefined) : [],
    editWas,
  };
}
