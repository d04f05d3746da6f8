import type { CustomField, Instance, User } from './types.js';

/**
 * Both lists are worked out once per instance object: the client keeps the instance for minutes,
 * and every create form and ticket card reads them.
 */
const fieldsOf = new WeakMap<Instance, readonly CustomField[]>();
const agentsOf = new WeakMap<Instance, readonly User[]>();

/**
 * Every custom field of an instance, once each: the seed lists them in `customFields` and again
 * split into left/right and optional columns, and an instance may fill only some of those lists.
 */
export function instanceFields(instance: Instance | undefined): readonly CustomField[] {
  if (!instance) return [];
  let fields = fieldsOf.get(instance);
  if (!fields) {
    const seen = new Map<string, CustomField>();
    for (const list of [instance.customFields, instance.customFieldsLeft, instance.customFieldsRight, instance.optionalFieldsLeft, instance.optionalFieldsRight]) {
      for (const field of list ?? []) if (!seen.has(field.id)) seen.set(field.id, field);
    }
    fields = [...seen.values()];
    fieldsOf.set(instance, fields);
  }
  return fields;
}

/** The helpdesk's agents (the instance's assignees) as API users; people without an id or name are left out. */
export function instanceAgents(instance: Instance | undefined): readonly User[] {
  if (!instance) return [];
  let agents = agentsOf.get(instance);
  if (!agents) {
    agents = (instance.assignees?.peoples ?? [])
      .filter((p) => p.id && p.text)
      .map((p) => ({ id: p.id!, name: p.text!, email: p.secondaryText ?? '' }));
    agentsOf.set(instance, agents);
  }
  return agents;
}
