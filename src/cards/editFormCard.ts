import { PRIORITIES, type Instance, type TagCategory, type Ticket } from '../ticketing/types.js';
import { inEnglish, type Translate } from '../i18n/translate.js';
import { EDIT_INPUTS, MAX_EDITABLE_TEXT, editFormView, type EditFormView } from './editForm.js';
import { numberLabel, titleText } from './format.js';
import { render, type AdaptiveCard } from './render.js';

/** The Edit form's card: the ticket's number and title above the inputs, Save and Cancel below. */
export interface EditFormCardView extends EditFormView {
  id: string;
  numberLabel: string;
  /** The heading, shown as text (Markdown escaped). */
  title: string;
  /** The inputs' current values, as stored (inputs show text as typed, unescaped). */
  editTitle: string;
  /** Absent when the description is too long for the card to carry: it is edited in the helpdesk. */
  editDescription?: string;
  editExpectedDate: string;
  /** The ticket's priority when it is one of the four, else Medium. */
  editPriority: string;
}

export function editFormCardView(ticket: Ticket, instance: Instance | undefined, categories: readonly TagCategory[] | undefined, t: Translate = inEnglish): EditFormCardView {
  const editTitle = ticket.title ?? '';
  const description = ticket.description ?? '';
  const editDescription = description.length <= MAX_EDITABLE_TEXT ? description : undefined;
  const editExpectedDate = ticket.expectedDate?.slice(0, 10) ?? '';
  const editPriority = PRIORITIES.find((p) => p === ticket.priority) ?? 'Medium';
  return {
    id: ticket.id,
    numberLabel: numberLabel(ticket.number),
    title: titleText(ticket.title, 300, t),
    editTitle,
    ...(editDescription === undefined ? {} : { editDescription }),
    editExpectedDate,
    editPriority,
    ...editFormView(ticket, instance, categories, {
      [EDIT_INPUTS.title]: editTitle, [EDIT_INPUTS.expectedDate]: editExpectedDate, [EDIT_INPUTS.priority]: editPriority,
      ...(editDescription === undefined ? {} : { [EDIT_INPUTS.description]: editDescription }),
    }),
  };
}

/** A ticket's Edit form, with its current values; its Save is the `edit` verb, its Cancel shows the ticket again. */
export function editFormCard(ticket: Ticket, instance: Instance | undefined, categories: readonly TagCategory[] | undefined, t: Translate = inEnglish): AdaptiveCard {
  return render('editForm', editFormCardView(ticket, instance, categories, t), t);
}
