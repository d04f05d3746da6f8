/**
 * The API's length limits, in characters: what the service refuses past them. One place for the
 * client's callers (commands, card actions, the create form) and the sandbox that plays the service.
 */
export const MAX_TITLE_LENGTH = 255;
export const MAX_DESCRIPTION_LENGTH = 10_000;
export const MAX_COMMENT_LENGTH = 4_000;
/** A custom field of type `text` (a `textarea` takes a description's length). */
export const MAX_TEXT_FIELD_LENGTH = 255;
/** A tag's text (and its category's id). */
export const MAX_TAG_LENGTH = 100;
