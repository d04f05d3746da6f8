import { compile } from 'html-to-text';

/**
 * Teams' HTML (a message's body, chat text with its `<at>` mentions) as plain text with
 * html-to-text, as a person reads it: entities decoded, a link's text followed by its URL, list
 * items on their own lines, tables in columns, paragraphs and line breaks as single line breaks
 * (Teams puts each typed line in its own `<p>`), no wrapping: the API and the cards wrap.
 */
const convert = compile({
  wordwrap: false,
  // Plain chat text (a typed multi-line description) keeps its lines, as it did before any HTML.
  preserveNewlines: true,
  // A non-breaking space is what Teams sends for a typed space at a line's end or between words.
  whitespaceCharacters: ' \t\r\n\f\u200b\u00a0',
  selectors: [
    { selector: 'p', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'ul', options: { itemPrefix: '• ' } },
    { selector: 'table', format: 'dataTable' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false, leadingLineBreaks: 1, trailingLineBreaks: 1 } })),
  ],
});

export function htmlToText(html: string): string {
  // Kept newlines around the tags (Teams' placeholder for a shared card) leave blank edges.
  return convert(html).trim();
}
