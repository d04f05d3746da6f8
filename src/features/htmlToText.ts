const ENTITIES = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"], ['nbsp', ' ']]);

/**
 * A Teams message body (HTML) as plain text: block ends and <br> become line breaks, tags go,
 * entities are decoded, blank runs are folded. Good enough for a ticket description, not a renderer.
 *
 * A tag is `<` then a letter, `/` and a letter, or `!` (a comment), up to the next `>` with no `<`
 * in between: so text like "MTU < 1400 and retries > 3" stays, and no pattern scans past the next
 * `<` (a message of thousands of `<` took most of a second with "up to the next `>`"). A script's
 * or style's text goes with its tags when it holds no `<`; else only the tags go (the text is
 * shown, never run).
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[^<>]*>[^<]*<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^<>]*>/gi, '\n• ')
    .replace(/<\/(p|div|h[1-6]|tr|blockquote|pre|ul|ol)>/gi, '\n')
    .replace(/<(?:\/?[a-z]|!)[^<>]*>/gi, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES.get(name.toLowerCase()) ?? whole;
    })
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
