import type { CustomFieldValue, Instance, TagCategory, TicketTag, User } from '../ticketing/types.js';
import { instanceAgents, instanceFields } from '../ticketing/instance.js';
import { MAX_DESCRIPTION_LENGTH, MAX_TEXT_FIELD_LENGTH } from '../ticketing/limits.js';
import { splitChoices, type FormValues } from '../cards/formInputs.js';
import type { Translate } from '../i18n/translate.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isDate(text: string): boolean {
  const m = text.match(DATE);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Form data arrives as `any`: only string values are taken; anything else counts as empty. */
export function stringValues(data: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [key, value] of Object.entries(data)) if (typeof value === 'string') out[key] = value;
  return out;
}

function decoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/**
 * The tags chosen in the tag inputs present in `values` (ids `prefix` + category id), checked
 * against the helpdesk's own lists; errors are keyed by input id.
 */
export function readTags(values: FormValues, categories: readonly TagCategory[], prefix: string, t: Translate): { tags: TicketTag[]; errors: FormValues } {
  const tags: TicketTag[] = [];
  const errors: FormValues = {};
  for (const category of categories.filter((c) => !c.deleted && c.id)) {
    for (const chosen of splitChoices(values[prefix + category.id] ?? '')) {
      const text = decoded(chosen);
      const tag = category.tags.find((known) => !known.deleted && known.text === text);
      if (tag) tags.push({ tagCategoryId: category.id!, text: tag.text });
      else errors[prefix + category.id] = t('form.tags', { list: category.text });
    }
  }
  return { tags, errors };
}

/**
 * `create`: every field of the instance, an empty one left out (refused when required). `edit`:
 * only the fields whose input is in `values`, an emptied one cleared (a required one refused),
 * since the ticket had a value there; a date cannot be cleared this way.
 */
export type FieldsMode = 'create' | 'edit';

/** The custom values in `values` (ids `prefix` + field id), checked against each field's kind and lists. */
export function readCustomFields(
  values: FormValues, instance: Instance, prefix: string, t: Translate, mode: FieldsMode,
): { custom: Record<string, CustomFieldValue>; errors: FormValues } {
  const custom: Record<string, CustomFieldValue> = {};
  const errors: FormValues = {};
  const people: readonly User[] = instanceAgents(instance);
  for (const field of instanceFields(instance)) {
    const id = prefix + field.id;
    if (mode === 'edit' && values[id] === undefined) continue;
    const raw = (values[id] ?? '').trim();
    if (field.type === 'toggle') {
      if (raw !== '' && raw !== 'true' && raw !== 'false') errors[id] = t('form.toggle', { field: field.label });
      else if (raw === 'true') custom[field.id] = true;
      else if (mode === 'edit') custom[field.id] = false;
      continue;
    }
    if (raw === '') {
      if (field.required) errors[id] = t('form.required', { field: field.label });
      else if (mode === 'edit' && field.type === 'datepicker') errors[id] = t('form.dateStays', { field: field.label });
      else if (mode === 'edit') custom[field.id] = field.type === 'itempicker' || field.type === 'peoplepicker' ? [] : '';
      continue;
    }
    if (field.type === 'datepicker') {
      if (isDate(raw)) custom[field.id] = raw;
      else errors[id] = t('form.mustBeDate', { field: field.label });
    } else if (field.type === 'peoplepicker') {
      const chosen = splitChoices(raw).map((v) => people.find((p) => p.id === v));
      if (chosen.some((p) => p === undefined)) errors[id] = t('form.people', { field: field.label });
      else custom[field.id] = chosen as User[];
    } else if (field.type === 'itempicker') {
      const chosen = splitChoices(raw);
      if (chosen.some((v) => !field.options?.some((o) => o.id === v))) errors[id] = t('form.choose', { field: field.label });
      else if (!field.multiple && chosen.length > 1) errors[id] = t('form.chooseOne', { field: field.label });
      else custom[field.id] = chosen;
    } else {
      const max = field.type === 'textarea' ? MAX_DESCRIPTION_LENGTH : MAX_TEXT_FIELD_LENGTH;
      if (raw.length > max) errors[id] = t('form.fieldTooLong', { field: field.label, length: raw.length, max });
      else custom[field.id] = raw;
    }
  }
  return { custom, errors };
}
