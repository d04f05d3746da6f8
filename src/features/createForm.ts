import { createFormCard, type Choice, type CreateFormView } from '../cards/createFormCard.js';
import { customFieldInputs, tagGroupInputs, type FormValues } from '../cards/formInputs.js';
import { cutToBytes } from '../cards/format.js';
import { MAX_DESCRIPTION_LENGTH } from '../ticketing/limits.js';
import type { AdaptiveCard } from '../cards/render.js';
import { isTicketingError } from '../ticketing/errors.js';
import { PRIORITIES, type Instance, type NewTicket, type Priority, type TagCategory, type User } from '../ticketing/types.js';
import { instanceAgents } from '../ticketing/instance.js';
import { isDate, readCustomFields, readTags } from './formValues.js';
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

type Values = FormValues;

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
  const tagGroups = tagGroupInputs(tags, TAG_PREFIX, values, errors);
  const fields = customFieldInputs(instance, FIELD_PREFIX, values, errors, fit);
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
  if (!priority) errors.priority = t('command.priority', { priorities: PRIORITIES.join(', ') });
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

  const { tags, errors: tagErrors } = readTags(values, catalog.tags, TAG_PREFIX, t);
  const { custom, errors: fieldErrors } = readCustomFields(values, catalog.instance, FIELD_PREFIX, t, 'create');
  Object.assign(errors, tagErrors, fieldErrors);

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
