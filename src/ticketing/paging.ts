/** Walking a list by continuation token. */
import { badResponseError } from './errors.js';
import type { Page } from './types.js';

/**
 * Every item of every page: the first page without a token, then each next one with the token
 * the last page gave, until a page gives none. A service handing back the token it was just sent
 * would loop forever: that is reported as a `badResponse`.
 */
export async function* walkPages<T>(
  fetchPage: (continuationToken: string | undefined) => Promise<Page<T>>,
  operation: string,
): AsyncGenerator<T, void, undefined> {
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    yield* page.items;
    if (page.continuationToken !== undefined && page.continuationToken === token) {
      throw badResponseError(operation, false);
    }
    token = page.continuationToken;
  } while (token !== undefined);
}
