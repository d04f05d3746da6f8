import { plain } from './format.js';
import { inEnglish, type Translate } from '../i18n/translate.js';
import { render, type AdaptiveCard } from './render.js';

export interface Choice {
  title: string;
  value: string;
}

/** One input's state: what it holds (kept when the form comes back) and what is wrong with it. */
export interface FieldState {
  value: string;
  error?: string;
}

export interface ChoiceState extends FieldState {
  choices: Choice[];
}

export interface CustomInput extends FieldState {
  id: string;
  label: string;
  kind: 'text' | 'textarea' | 'toggle' | 'date' | 'choice';
  required: boolean;
  multiple: boolean;
  choices: Choice[];
}

export interface TagGroup extends ChoiceState {
  id: string;
  label: string;
}

export interface CreateFormView {
  /** Above everything, when the form comes back: what to fix. */
  problem?: string;
  /** Where the form came from, e.g. "From a message by Alex Wilber". */
  source?: string;
  title: FieldState;
  description: FieldState;
  priority: ChoiceState;
  expectedDate: FieldState;
  requestor: ChoiceState;
  assignee: ChoiceState;
  tagGroups: TagGroup[];
  fields: CustomInput[];
  /** Posted in a chat: Create is a card action (verb createFromForm); else Teams' dialog submits it. */
  inChat: boolean;
}

/** Input values and labels show as given (they render no Markdown); the source line is a text block. */
export function createFormCard(view: CreateFormView, t: Translate = inEnglish): AdaptiveCard {
  return render('createForm', { ...view, source: view.source === undefined ? undefined : plain(view.source) }, t);
}
