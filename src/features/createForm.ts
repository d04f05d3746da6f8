import { createFormCard, type Choice, type CreateFormView, type CustomInput, type TagGroup } from '../cards/createFormCard.js';
import { cutToBytes } from '../cards/format.js';
import { MAX_DESCRIPTION_LENGTH } from '../ticketing/limits.js';
import type { AdaptiveCard } from '../cards/render.js';
import { isTicketingError } from '../ticketing/errors.js';
import {
  PRIORITIES, type CustomField, type CustomFieldValue, type Instance, type NewTicket, type Priority, type TagCategory,
  type TicketTag, type User,
} from '../ticketing/types.js';
import { instanceAgents, instanceFields } from '../ticketing/instance.js';
import type { Answer, FeatureContext } from './context.js';
import { errorAnswer, ticketingDetail } from './errorAnswer.js';
import { createTicket } from './createTicket.js';
import { MAX_TITLE_LENGTH } from './parseCommand.js';
import { catalogOptions } from './ticketRef.js';
import type { Translate } from '../i18n/translate.js';

/** The message a ticket is made from ("..." menu → Create ticket). */
export interface MessageSource {
  text: string;
  authorId?: string;
  authorName?: string;
}

/** What the form needs from the helpdesk; both come from the client's cache. */
interface Catalog {
  instance: Instance;
  tags: TagCategory[];
}

export type FormOutcome = { form: AdaptiveCard } | { created: Answer };

const FIELD_PREFIX = 'cf_';
const TAG_PREFIX = 'tag_';

function loadCatalog(ctx: FeatureContext): Promise<Catalog> {
  return Promise.all([ctx.client.getInstance(catalogOptions(ctx)), ctx.client.getTags(catalogOptions(ctx))])
    .then(([instance, tags]) => ({ instance, tags }));
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

function fieldChoices(field: CustomField, instance: Instance): Choice[] {
  if (field.type === 'peoplepicker') return instanceAgents(instance).map((p) => ({ title: p.name, value: p.id }));
  return (field.options ?? []).map((o) => ({ title: o.text, value: o.id }));
}

/** Tag texts may hold commas, and multi-select values are comma-joined: the value is the text, encoded. */
const tagValue = (text: string) => encodeURIComponent(text);

/**
 * A message's first line, whole when the API takes it (255 characters); a longer one is cut at
 * the last word that fits, with no mark added: what is stored is what the person can edit.
 */
export function titleFromMessage(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  if (line.length <= MAX_TITLE_LENGTH) return line;
  const fits = line.slice(0, MAX_TITLE_LENGTH + 1);
  const space = fits.lastIndexOf(' ');
  return (space > 0 ? fits.slice(0, space) : fits.slice(0, MAX_TITLE_LENGTH)).trimEnd();
}

type Values = Record<string, string>;

/**
 * What the long texts put into the form (the description, text areas) may take of the card, as
 * JSON: 10,000 characters are allowed each, and a card over Teams' limit could not be shown at all.
 */
const FORM_TEXT_BYTES = 16 * 1024;

function view(catalog: Catalog, ctx: FeatureContext, values: Values, errors: Values, extra: { problem?: string; source?: MessageSource }): CreateFormView {
  const { instance, tags } = catalog;
  const { t } = ctx.locale;
  const source = extra.source;
  let room = FORM_TEXT_BYTES;
  let cutAny = false;
  const fit = (text: string): string => {
    const fitted = cutToBytes(text, room);
    room -= fitted.bytes;
    cutAny ||= fitted.wasCut;
    return fitted.text;
  };
  const description = fit(values.description ?? '');
  const requestorChoices: Choice[] = [{ title: ctx.speaker.name ? t('form.meNamed', { name: ctx.speaker.name }) : t('form.me'), value: 'me' }];
  if (source?.authorId && source.authorId !== ctx.speaker.aadObjectId) {
    requestorChoices.push({ title: t('form.author', { name: source.authorName ?? t('form.theAuthor') }), value: 'author' });
  }
  const tagGroups: TagGroup[] = tags.filter((c) => !c.deleted && c.id && c.tags.some((tag) => !tag.deleted)).map((c) => ({
    id: TAG_PREFIX + c.id,
    label: c.text,
    value: values[TAG_PREFIX + c.id] ?? '',
    error: errors[TAG_PREFIX + c.id],
    choices: c.tags.filter((tag) => !tag.deleted).map((tag) => ({ title: tag.text, value: tagValue(tag.text) })),
  }));
  const fields: CustomInput[] = instanceFields(instance).map((f) => ({
    id: FIELD_PREFIX + f.id,
    label: f.label,
    kind: inputKind(f),
    required: f.required === true,
    multiple: f.type === 'peoplepicker' || f.multiple === true,
    choices: fieldChoices(f, instance),
    value: f.type === 'textarea' ? fit(values[FIELD_PREFIX + f.id] ?? '') : values[FIELD_PREFIX + f.id] ?? (f.type === 'toggle' ? 'false' : ''),
    error: errors[FIELD_PREFIX + f.id],
  }));
  return {
    problem: [extra.problem, cutAny ? t('form.cutNote') : undefined].filter((p) => p !== undefined).join(' ') || undefined,
    source: source ? (source.authorName ? t('form.fromMessageBy', { name: source.authorName }) : t('form.fromMessage')) : undefined,
    title: { value: values.title ?? '', error: errors.title },
    description: { value: description, error: errors.description },
    priority: { value: values.priority ?? 'Medium', error: errors.priority, choices: PRIORITIES.map((p) => ({ title: t(`cards.ticket.${p.toLowerCase()}`), value: p })) },
    expectedDate: { value: values.expectedDate ?? '', error: errors.expectedDate },
    requestor: { value: values.requestor ?? 'me', error: errors.requestor, choices: requestorChoices },
    assignee: { value: values.assignee ?? '', error: errors.assignee, choices: instanceAgents(instance).map((p) => ({ title: p.name, value: p.id })) },
    tagGroups,
    fields,
  };
}

/**
 * The "Create ticket" form, built from the instance's fields and the helpdesk's tags. From a
 * message, it comes prefilled: the first line as the title, the text as the description, and the
 * author offered as the requestor.
 */
export async function openCreateForm(ctx: FeatureContext, source?: MessageSource): Promise<AdaptiveCard> {
  const catalog = await loadCatalog(ctx);
  const values: Values = source ? { title: titleFromMessage(source.text), description: source.text.slice(0, MAX_DESCRIPTION_LENGTH) } : {};
  return createFormCard(view(catalog, ctx, values, {}, { source }), ctx.locale.t);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDate(text: string): boolean {
  const m = text.match(DATE);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function splitChoices(value: string): string[] {
  return value.split(',').map((v) => v.trim()).filter((v) => v !== '');
}

interface Parsed {
  ticket: Omit<NewTicket, 'requestor'>;
  requestor: 'me' | 'author';
}

/**
 * Checks every value against the helpdesk's own lists; errors are keyed by input id. `authorId` is
 * the source message's author, from Teams' own payload: "author" is a choice only when there is one.
 */
function parseForm(values: Values, catalog: Catalog, authorId: string | undefined, t: Translate): { parsed?: Parsed; errors: Values } {
  const errors: Values = {};
  const title = (values.title ?? '').trim();
  if (title === '') errors.title = t('help.titleRequired');
  else if (title.length > MAX_TITLE_LENGTH) errors.title = t('tooLong.title', { length: title.length, max: MAX_TITLE_LENGTH });
  const description = (values.description ?? '').trim();
  if (description.length > MAX_DESCRIPTION_LENGTH) errors.description = t('tooLong.description', { length: description.length, max: MAX_DESCRIPTION_LENGTH });
  const priority = PRIORITIES.find((p) => p === (values.priority || 'Medium'));
  if (!priority) errors.priority = t('command.priority', { priorities: { key: 'command.priorityWords' } });
  const expectedDate = (values.expectedDate ?? '').trim();
  if (expectedDate !== '' && !isDate(expectedDate)) errors.expectedDate = t('form.date');
  const requestor = values.requestor || 'me';
  if (requestor !== 'me' && !(requestor === 'author' && authorId)) errors.requestor = t('form.requestor');

  const people = instanceAgents(catalog.instance);
  let assignee: User | undefined;
  if (values.assignee) {
    assignee = people.find((p) => p.id === values.assignee);
    if (!assignee) errors.assignee = t('form.assignee');
  }

  const tags: TicketTag[] = [];
  for (const category of catalog.tags.filter((c) => !c.deleted && c.id)) {
    for (const chosen of splitChoices(values[TAG_PREFIX + category.id] ?? '')) {
      let text: string | undefined;
      try {
        text = decodeURIComponent(chosen);
      } catch {
        text = undefined;
      }
      const tag = category.tags.find((known) => !known.deleted && known.text === text);
      if (tag) tags.push({ tagCategoryId: category.id!, text: tag.text });
      else errors[TAG_PREFIX + category.id] = t('form.tags', { list: category.text });
    }
  }

  const custom: Record<string, CustomFieldValue> = {};
  for (const field of instanceFields(catalog.instance)) {
    const id = FIELD_PREFIX + field.id;
    const raw = (values[id] ?? '').trim();
    if (field.type === 'toggle') {
      if (raw !== '' && raw !== 'true' && raw !== 'false') errors[id] = t('form.toggle', { field: field.label });
      else if (raw === 'true') custom[field.id] = true;
      continue;
    }
    if (raw === '') {
      if (field.required) errors[id] = t('form.required', { field: field.label });
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
      const max = field.type === 'textarea' ? MAX_DESCRIPTION_LENGTH : MAX_TITLE_LENGTH;
      if (raw.length > max) errors[id] = t('form.fieldTooLong', { field: field.label, length: raw.length, max });
      else custom[field.id] = raw;
    }
  }

  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    parsed: {
      requestor: requestor === 'author' ? 'author' : 'me',
      ticket: {
        title,
        description: description || undefined,
        priority: priority as Priority,
        assignee,
        expectedDate: expectedDate || undefined,
        tags: tags.length > 0 ? tags : undefined,
        customFields: Object.keys(custom).length > 0 ? custom : undefined,
      },
    },
  };
}

/** Form data arrives as `any`: only string values are taken; anything else counts as empty. */
function stringValues(data: Record<string, unknown>): Values {
  const out: Values = {};
  for (const [key, value] of Object.entries(data)) if (typeof value === 'string') out[key] = value;
  return out;
}

/**
 * Creates the ticket from the form, as the acting user; the requestor is the acting user or, when
 * chosen, the author of the message the form was opened from: `source`, which Teams attaches to
 * the submit itself, looked up in Teams. The form's data never names a person (it is the sender's
 * to forge). On any problem the form comes back with the values kept and each error beside its input.
 */
export async function submitCreateForm(ctx: FeatureContext, data: Record<string, unknown>, source?: MessageSource): Promise<FormOutcome> {
  const catalog = await loadCatalog(ctx);
  const values = stringValues(data);
  const again = (problem: string, errors: Values = {}) => ({ form: createFormCard(view(catalog, ctx, values, errors, { problem, source }), ctx.locale.t) });

  const authorId = source?.authorId;
  const { parsed, errors } = parseForm(values, catalog, authorId, ctx.locale.t);
  if (!parsed) return again(ctx.locale.t('form.fix'), errors);
  try {
    const requestor = parsed.requestor === 'author' && authorId ? await ctx.person(authorId, source?.authorName) : undefined;
    return { created: await createTicket(ctx, parsed.ticket, requestor) };
  } catch (error) {
    // The form keeps what the person typed; the sentence says what went wrong.
    const headline = errorAnswer(error, undefined, ctx.locale.t).summary;
    const detail = isTicketingError(error) && error.kind === 'http' && error.status === 400 ? ` ${ticketingDetail(error, ctx.locale.t)}` : '';
    return again(headline + detail);
  }
}
