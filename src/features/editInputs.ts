import { EDIT_FIELD_PREFIX, EDIT_INPUTS, EDIT_TAG_PREFIX } from '../cards/editForm.js';
import type { FormValues } from '../cards/formInputs.js';
import { MAX_DESCRIPTION_LENGTH } from '../ticketing/limits.js';
import { isRecord } from '../ticketing/validate.js';

/** Far more inputs than any helpdesk's form has; it only bounds what a forged submit may make us read. */
const MAX_INPUTS = 200;
const MAX_FINGERPRINT_LENGTH = 32;

const isEditInput = (id: string) =>
  id === EDIT_INPUTS.priority || id === EDIT_INPUTS.assignee || id.startsWith(EDIT_TAG_PREFIX) || id.startsWith(EDIT_FIELD_PREFIX);

/**
 * The Edit form's inputs beyond title, description and expected date, as sent: text values of
 * the form's own ids only (anything else in the data is not the form's). Their values are checked
 * by the feature, against the helpdesk's lists.
 */
export function editInputs(data: Record<string, unknown>): FormValues {
  const inputs: FormValues = {};
  for (const [id, value] of Object.entries(data).slice(0, MAX_INPUTS * 2)) {
    if (isEditInput(id) && typeof value === 'string') inputs[id] = value.slice(0, MAX_DESCRIPTION_LENGTH + 1);
  }
  return inputs;
}

/** What each input showed (the card's fingerprints); a damaged entry is left out, so that input counts as changed. */
export function shownFingerprints(value: unknown): FormValues {
  if (!isRecord(value)) return {};
  const was: FormValues = {};
  for (const [id, print] of Object.entries(value).slice(0, MAX_INPUTS)) {
    if (typeof print === 'string' && print.length <= MAX_FINGERPRINT_LENGTH) was[id] = print;
  }
  return was;
}
