import { createFormCard, type Choice, type CreateFormView } from '../cards/createFormCard.js';
import { customFieldInputs, tagGroupInputs, type FormValues } from '../cards/formInputs.js';
import { cutToBytes } from '../cards/format.js';
import { MAX_DESCRIPTION_LENGTH, MAX_TITLE_LENGTH } from '../ticketing/limits.js';
import type { AdaptiveCard } from '../cards/render.js';
import { isTicketingError } from '../ticketing/errors.js';
import { PRIORITIES, type Instance, type NewTicket, type Priority, type TagCategory, type User } from '../ticketing/types.js';
import { instanceAgents } from '../ticketing/instance.js';
import { isDate, readCustomFields, readTags, stringValues } from './formValues.js';
import { chosenRequestor, requestorChoices } from './requestorChoice.js';
import type { Answer, FeatureContext } from './context.js';
import { errorAnswer, ticketingDetail } from './errorAnswer.js';
import { createTicket } from './createTicket.js';
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

/**
 * What the long texts put into the form (the description, text areas) may take of the card, as
 * JSON: 10,000 characters are allowed each, and a card over Teams' limit could not be shown at all.
 */
const FORM_TEXT_BYTES = 16 * 1024;

/** Where the form is and what it shows besides the values: the requestor's choices, a problem, the source message. */
interface FormSetting {
  requestors: Choice[];
  /** Posted in a chat (its Create button a card action), not in Teams' dialog (a task module's submit). */
  inChat: boolean;
  problem?: string;
  source?: MessageSource;
  /** A line at the top of a form opened from a chat command: why a form. */
  lead?: string;
}

function view(catalog: Catalog, ctx: FeatureContext, values: FormValues, errors: FormValues, extra: FormSetting): CreateFormView {
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
  const tagGroups = tagGroupInputs(tags, TAG_PREFIX, values, errors);
  const fields = customFieldInputs(instance, FIELD_PREFIX, values, errors, fit);
  return {
    problem: [extra.problem, cutAny ? t('form.cutNote') : undefined].filter((p) => p !== undefined).join(' ') || undefined,
    source: source ? (source.authorName ? t('form.fromMessageBy', { name: source.authorName }) : t('form.fromMessage')) : extra.lead,
    title: { value: values.title ?? '', error: errors.title },
    description: { value: description, error: errors.description },
    priority: { value: values.priority ?? 'Medium', error: errors.priority, choices: PRIORITIES.map((p) => ({ title: t(`cards.ticket.${p.toLowerCase()}`), value: p })) },
    expectedDate: { value: values.expectedDate ?? '', error: errors.expectedDate },
    requestor: { value: values.requestor ?? 'me', error: errors.requestor, choices: extra.requestors },
    assignee: { value: values.assignee ?? '', error: errors.assignee, choices: instanceAgents(instance).map((p) => ({ title: p.name, value: p.id })) },
    tagGroups,
    fields,
    inChat: extra.inChat,
  };
}

/** What a form opened in a chat starts with: the title and description typed in `create`. */
export interface FormOpening {
  draft?: { title: string; description?: string };
  inChat?: boolean;
  lead?: string;
}

/**
 * The "Create ticket" form, built from the instance's fields and the helpdesk's tags. From a
 * message, it comes prefilled: the first line as the title, the text as the description, and the
 * author offered as the requestor.
 */
export async function openCreateForm(ctx: FeatureContext, source?: MessageSource, opening: FormOpening = {}): Promise<AdaptiveCard> {
  const catalog = await loadCatalog(ctx);
  const draft = opening.draft;
  const values: FormValues = source ? { title: titleFromMessage(source.text), description: source.text.slice(0, MAX_DESCRIPTION_LENGTH) }
    : draft ? { title: draft.title, ...(draft.description === undefined ? {} : { description: draft.description }) } : {};
  const requestors = await requestorChoices(ctx, catalog.instance, source);
  return createFormCard(view(catalog, ctx, values, {}, { source, requestors, inChat: opening.inChat === true, lead: opening.lead }), ctx.locale.t);
}

interface Parsed {
  ticket: Omit<NewTicket, 'requestor'>;
}

/** Checks every value but the requestor (see requestorChoice.ts) against the helpdesk's own lists; errors are keyed by input id. */
function parseForm(values: FormValues, catalog: Catalog, t: Translate): { parsed?: Parsed; errors: FormValues } {
  const errors: FormValues = {};
  const title = (values.title ?? '').trim();
  if (title === '') errors.title = t('help.titleRequired');
  else if (title.length > MAX_TITLE_LENGTH) errors.title = t('tooLong.title', { length: title.length, max: MAX_TITLE_LENGTH });
  const description = (values.description ?? '').trim();
  if (description.length > MAX_DESCRIPTION_LENGTH) errors.description = t('tooLong.description', { length: description.length, max: MAX_DESCRIPTION_LENGTH });
  const priority = PRIORITIES.find((p) => p === (values.priority || 'Medium'));
  if (!priority) errors.priority = t('command.priority', { priorities: { key: 'command.priorityWords' } });
  const expectedDate = (values.expectedDate ?? '').trim();
  if (expectedDate !== '' && !isDate(expectedDate)) errors.expectedDate = t('form.date');

  const people = instanceAgents(catalog.instance);
  let assignee: User | undefined;
  if (values.assignee) {
    assignee = people.find((p) => p.id === values.assignee);
    if (!assignee) errors.assignee = t('form.assignee');
  }

  const { tags, errors: tagErrors } = readTags(values, catalog.tags, TAG_PREFIX, t);
  const { custom, errors: fieldErrors } = readCustomFields(values, catalog.instance, FIELD_PREFIX, t, 'create');
  const allErrors = { ...errors, ...tagErrors, ...fieldErrors };

  if (Object.keys(allErrors).length > 0) return { errors: allErrors };
  return {
    errors: allErrors,
    parsed: {
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

/**
 * Creates the ticket from the form, as the acting user, for the requestor chosen (see
 * requestorChoice.ts: the speaker, or for an agent the message's author, a member of the
 * conversation or an agent, looked up, never taken from the form). On any problem the form comes
 * back with the values kept and each error beside its input. `inChat`: the form was posted in a chat.
 */
export async function submitCreateForm(ctx: FeatureContext, data: Record<string, unknown>, source?: MessageSource, inChat = false): Promise<FormOutcome> {
  const catalog = await loadCatalog(ctx);
  const values = stringValues(data);
  // The choices (the roster and the agents) are built only when the form comes back.
  const again = async (problem: string, errors: FormValues = {}) => {
    const requestors = await requestorChoices(ctx, catalog.instance, source);
    return { form: createFormCard(view(catalog, ctx, values, errors, { problem, source, requestors, inChat }), ctx.locale.t) };
  };

  const { parsed, errors } = parseForm(values, catalog, ctx.locale.t);
  try {
    const chosen = await chosenRequestor(ctx, catalog.instance, values.requestor ?? '', source);
    if (chosen.error !== undefined) errors.requestor = chosen.error;
    if (!parsed || chosen.error !== undefined) return again(ctx.locale.t('form.fix'), errors);
    return { created: await createTicket(ctx, parsed.ticket, chosen.requestor) };
  } catch (error) {
    // The form keeps what the person typed; the sentence says what went wrong.
    const headline = errorAnswer(error, undefined, ctx.locale.t).summary;
    const detail = isTicketingError(error) && error.kind === 'http' && error.status === 400 ? ` ${ticketingDetail(error, ctx.locale.t)}` : '';
    return again(headline + detail);
  }
}
