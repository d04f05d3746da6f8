/**
 * The seeded "Contoso IT Helpdesk" instance: its people, custom fields, assignees and tags.
 * Every id is fixed so tests, the bot's local playground and screenshots can name them.
 */
import type { CustomField, Instance, Persona, TagCategory, User } from '../ticketing/types.js';

/** A person of the seeded tenant, with what the ticket generator needs to know about them. */
export interface SeedPerson extends User {
  department: string;
  location: string;
  /** Helpdesk agent: may be an assignee. */
  agent: boolean;
  /** Opens tickets. */
  requestor: boolean;
  vip: boolean;
}

const person = (
  suffix: string,
  name: string,
  department: string,
  location: string,
  roles: { agent?: boolean; requestor?: boolean; vip?: boolean } = {},
): SeedPerson => ({
  id: `00000000-0000-0000-0000-0000000000${suffix}`,
  name,
  email: `${name.toLowerCase().replace(/ /g, '.')}@contoso.com`,
  department,
  location,
  agent: roles.agent ?? false,
  requestor: roles.requestor ?? !roles.agent,
  vip: roles.vip ?? false,
});

/**
 * The tenant's people. Adele Vance (…a1) is an agent; Alex Wilber (…a2) is both an agent and a
 * requestor: the bot's local playground acts as these two.
 */
export const SEED_PEOPLE: readonly SeedPerson[] = [
  person('a1', 'Adele Vance', 'Engineering', 'Seattle HQ', { agent: true }),
  person('a2', 'Alex Wilber', 'Engineering', 'Redmond', { agent: true, requestor: true }),
  person('a3', 'Lee Gu', 'Engineering', 'Seattle HQ', { agent: true }),
  person('a4', 'Nestor Wilke', 'Operations', 'Redmond', { agent: true }),
  person('a5', 'Patti Fernandez', 'Operations', 'London', { agent: true }),
  person('a6', 'Grady Archie', 'Engineering', 'Munich', { agent: true }),
  person('a7', 'Megan Bowen', 'Marketing', 'Seattle HQ'),
  person('a8', 'Isaiah Langer', 'Sales', 'Remote'),
  person('a9', 'Lidia Holloway', 'Engineering', 'Redmond'),
  person('aa', 'Johanna Lorenz', 'Engineering', 'Munich'),
  person('ab', 'Joni Sherman', 'Legal', 'Seattle HQ'),
  person('ac', 'Lynne Robbins', 'Human Resources', 'London'),
  person('ad', 'Miriam Graham', 'Marketing', 'Seattle HQ', { vip: true }),
  person('ae', 'Pradeep Gupta', 'Finance', 'Redmond'),
  person('af', 'Henrietta Mueller', 'Finance', 'Munich'),
  person('b0', 'Irvin Sayers', 'Sales', 'London'),
  person('b1', 'Diego Siciliani', 'Human Resources', 'Remote'),
  person('b2', 'Christie Cline', 'Sales', 'Seattle HQ', { vip: true }),
  person('b3', 'Debra Berger', 'Marketing', 'Remote'),
  person('b4', 'Enrico Cattaneo', 'Legal', 'Munich'),
];

const asUser = ({ id, name, email }: SeedPerson): User => ({ id, name, email });

/** Everyone in the seeded tenant, as IUser. */
export const PEOPLE: readonly User[] = SEED_PEOPLE.map(asUser);
/** The helpdesk agents (the instance's custom assignees). */
export const AGENTS: readonly User[] = SEED_PEOPLE.filter((p) => p.agent).map(asUser);

export const INSTANCE_ID = '6513270e-269e-4d37-b2a7-4de452e6b438';

/** Custom field ids, by what they hold. */
export const FIELD = {
  affectedUser: 'd23f0824-128b-4f33-8c5c-7fd0a6a3a450',
  affectedSystems: '9531985d-5d9d-49f8-9818-e811892f902b',
  stepsToReproduce: '36f675cc-81e7-4ef5-a8e2-5d940ed90475',
  assetTag: '6b0d549b-6f03-475a-9600-a35a099950d8',
  vip: '8d116ece-1738-47d9-bd9c-172411e20b8f',
  category: '90c192cf-d3ac-44af-8f21-ddb66cad4a26',
  neededBy: 'a170b338-3926-4059-b28c-105d1fb17c23',
} as const;

/** Option ids of the "Affected systems" picker. */
export const SYSTEM = {
  exchange: { id: '0fd630f1-f29d-4da9-953f-48f1a09f76b5', text: 'Exchange Online' },
  teams: { id: '0cb1e29c-658c-4a14-95e6-0af593bd04cf', text: 'Microsoft Teams' },
  sharepoint: { id: '8e81973e-0bec-47b0-b898-d190f9ebdacc', text: 'SharePoint Online' },
  vpn: { id: '6b4cb242-4a23-4596-a217-beaddbc496cb', text: 'VPN gateway' },
  sap: { id: '92276658-1e27-41c0-8a6a-63ec24ede6a4', text: 'SAP ERP' },
  print: { id: 'ae97ba94-d0ed-482f-8f6d-05584ef8aa38', text: 'Print server' },
} as const;
export type SystemKey = keyof typeof SYSTEM;

/** Option ids of the single "Category" picker. */
export const CATEGORY = {
  Hardware: { id: '923a7369-94e3-4f91-9a61-dbe22e44158b', text: 'Hardware' },
  Software: { id: '18f135d2-5f55-4203-b018-50c5a38fd547', text: 'Software' },
  Network: { id: '907a70c3-1012-4037-b64c-e4228c38fb29', text: 'Network' },
  Access: { id: '7f150524-34b9-45df-9e77-69b10f4205b4', text: 'Access' },
  Other: { id: 'c6f87718-6d76-407e-881e-d162ae2eb154', text: 'Other' },
} as const;
export type CategoryName = keyof typeof CATEGORY;

const CUSTOM_FIELDS: readonly CustomField[] = [
  { id: FIELD.category, type: 'itempicker', label: 'Category', required: true, multiple: false, options: Object.values(CATEGORY) },
  { id: FIELD.affectedUser, type: 'peoplepicker', label: 'Affected user', required: false },
  { id: FIELD.affectedSystems, type: 'itempicker', label: 'Affected systems', required: false, multiple: true, options: Object.values(SYSTEM) },
  { id: FIELD.assetTag, type: 'text', label: 'Asset tag', required: false },
  { id: FIELD.vip, type: 'toggle', label: 'VIP', required: true },
  { id: FIELD.neededBy, type: 'datepicker', label: 'Needed by', required: false },
  { id: FIELD.stepsToReproduce, type: 'textarea', label: 'Steps to reproduce', required: false },
];

const fieldsById = (ids: readonly string[]): CustomField[] =>
  CUSTOM_FIELDS.filter((field) => ids.includes(field.id));

const persona = ({ id, name, email }: User): Persona => ({ id, text: name, secondaryText: email });

export function seedInstance(): Instance {
  return {
    id: INSTANCE_ID,
    groupId: 'ec66a787-95e7-41d1-b731-af10506bf2ef',
    name: 'Contoso IT Helpdesk',
    enabled: true,
    tenantId: '3f98e277-4cbd-47ad-9c90-a9587403e430',
    teamId: '19:c7a2ea20b2f14c94ae05319acb5c7427@thread.tacv2',
    channelId: '19:4cdd2055930d4eaf94f4733f3e7d1bfb@thread.tacv2',
    subscriptionId: '57ee05cd-e009-42c7-bebf-f20686734721',
    mailAddress: 'helpdesk@contoso.com',
    customFields: [...CUSTOM_FIELDS],
    customFieldsLeft: fieldsById([FIELD.category, FIELD.affectedUser, FIELD.affectedSystems, FIELD.assetTag]),
    customFieldsRight: fieldsById([FIELD.vip, FIELD.neededBy, FIELD.stepsToReproduce]),
    optionalFieldsLeft: [],
    optionalFieldsRight: [],
    assignees: { type: 'customAssignee', peoples: AGENTS.map(persona) },
    isAutomaticAssignTickets: false,
    isAutoAssignIdleTickets: false,
    dayBeforeTicketsIdle: 3,
    isNotifyIdleTicket: true,
  };
}

/** Tag category ids. */
export const TAG_CATEGORY = {
  department: '9be4bcfc-49b6-4a08-b2e6-cc3ababced20',
  product: '830e07bc-1e39-4f10-92bd-4acefaecbd38',
  location: '5790f82e-c1d3-4cff-aa3a-f4d46b0a18e8',
  legacy: '6bf46c69-7d2c-4f82-aeea-cbe226e87555',
} as const;

const tags = (live: readonly string[], deleted: readonly string[] = []) => [
  ...live.map((text) => ({ text, deleted: false })),
  ...deleted.map((text) => ({ text, deleted: true })),
];

/** Three live categories, each with one deleted tag, and one deleted category. */
export function seedTagCategories(): TagCategory[] {
  return [
    {
      id: TAG_CATEGORY.department,
      instanceId: INSTANCE_ID,
      text: 'Department',
      color: '#0078D4',
      tags: tags(['Engineering', 'Finance', 'Human Resources', 'Legal', 'Marketing', 'Operations', 'Sales'], ['Facilities']),
      deleted: false,
    },
    {
      id: TAG_CATEGORY.product,
      instanceId: INSTANCE_ID,
      text: 'Product',
      color: '#8764B8',
      tags: tags(['Microsoft 365', 'Windows', 'VPN', 'SAP', 'Salesforce', 'Printers'], ['Lotus Notes']),
      deleted: false,
    },
    {
      id: TAG_CATEGORY.location,
      instanceId: INSTANCE_ID,
      text: 'Location',
      color: '#00B294',
      tags: tags(['Seattle HQ', 'Redmond', 'London', 'Munich', 'Remote'], ['Paris office']),
      deleted: false,
    },
    {
      id: TAG_CATEGORY.legacy,
      instanceId: INSTANCE_ID,
      text: 'Legacy queue',
      color: '#A4262C',
      tags: tags([], ['Migrated']),
      deleted: true,
    },
  ];
}
