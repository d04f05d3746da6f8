import { SentenceError, type Sentence } from '../i18n/sentence.js';

/**
 * A failure a person can act on, said in their words (a `Sentence` in their language, or a string
 * as written); `ticketId` adds a button to show the ticket.
 */
export class FeatureError extends SentenceError {
  override name = 'FeatureError';
  constructor(said: string | Sentence, readonly ticketId?: string) {
    super(said);
  }
}
