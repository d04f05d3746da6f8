import type { CustomField, Instance, TagCategory } from '../ticketing/types.js';
import { instanceAgents, instanceFields } from '../ticketing/instance.js';
import type { Choice, CustomInput, TagGroup } from './createFormCard.js';

/** Input values as a form holds them, by input id: a multi-select's are comma-joined. */
export type FormValues = Record<string, string>;

/** A multi-select's comma-joined value, as its parts. */
export function splitChoices(value: string): string[] {
  return value.split(',').map((v) => v.trim()).filter((v) => v !== '');
}

/** Tag texts may hold commas, and multi-select values are comma-joined: a tag's value is its text, encoded. */
export const tagValue = (text: string): string => encodeURIComponent(text);

/** The helpdesk's tag categories that have tags to choose from (a deleted one is not offered). */
export function usableCategories(categories: readonly TagCategory[]): TagCategory[] {
  return categories.filter((c) => !c.deleted && c.id && c.tags.some((tag) => !tag.deleted));
}

function inputKind(field: CustomField): CustomInput['kind'] {
  switch (field.type) {
    case 'textarea': return 'textarea';
    case 'toggle': return 'toggle';
    case 'datepicker': return 'date';
    case 'peoplepicker':
    case 'itempicker': return 'choice';
    default: return 'text';
  }
}

/** A field whose input is a multi-select: its value is a comma-joined list. */
export function isMultiChoice(field: CustomField): boolean {
  return field.type === 'peoplepicker' || field.multiple === true;
}

function fieldChoices(field: CustomField, instance: Instance): Choice[] {
  if (field.type === 'peoplepicker') return instanceAgents(instance).map((p) => ({ title: p.name, value: p.id }));
  return (field.options ?? []).map((o) => ({ title: o.text, value: o.id }));
}

/** One multi-select per tag category, ids `prefix` + the category's id. */
export function tagGroupInputs(categories: readonly TagCategory[], prefix: string, values: FormValues, errors: FormValues): TagGroup[] {
  return usableCategories(categories).map((c) => ({
    id: prefix + c.id,
    label: c.text,
    value: values[prefix + c.id] ?? '',
    error: errors[prefix + c.id],
    choices: c.tags.filter((tag) => !tag.deleted).map((tag) => ({ title: tag.text, value: tagValue(tag.text) })),
  }));
}

/**
 * One input per custom field of the instance, ids `prefix` + the field's id. `fit`: what a long
 * text (a text area's value) may keep of itself, for the card's size.
 */
export function customFieldInputs(
  instance: Instance, prefix: string, values: FormValues, errors: FormValues, fit: (text: string) => string = (text) => text,
): CustomInput[] {
  return instanceFields(instance).map((f) => ({
    id: prefix + f.id,
    label: f.label,
    kind: inputKind(f),
    required: f.required === true,
    multiple: isMultiChoice(f),
    choices: fieldChoices(f, instance),
    value: f.type === 'textarea' ? fit(values[prefix + f.id] ?? '') : values[prefix + f.id] ?? (f.type === 'toggle' ? 'false' : ''),
    error: errors[prefix + f.id],
  }));
}
