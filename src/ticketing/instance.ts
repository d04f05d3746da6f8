import type { CustomField, Instance, User } from './types.js';

/**
 * Every custom field of an instance, once each: the seed lists them in `customFields` and again
 * split into left/right and optional columns, and an instance may fill only some of those lists.
 */
export function instanceFields(instance: Instance | undefined): CustomField[] {
  if (!instance) return [];
  const seen = new Map<string, CustomField>();
  for (const list of [instance.customFields, instance.customFieldsLeft, instance.customFieldsRight, instance.optionalFieldsLeft, instance.optionalFieldsRight]) {
    for (const field of list ?? []) if (!seen.has(field.id)) seen.set(field.id, field);
  }
  return [...seen.values()];
}

/** The helpdesk's agents (the instance's assignees) as API users; people without an id or name are left out. */
export function instanceAgents(instance: Instance | undefined): User[] {
  return (instance?.assignees?.peoples ?? [])
    .filter((p) => p.id && p.text)
    .map((p) => ({ id: p.id!, name: p.text!, email: p.secondaryText ?? '' }));
}
