import { inEnglish, type Said, type Translate } from './translate.js';

/** A sentence by key, with its variables: said in each reader's own language. */
export type Sentence = Said;

/**
 * An error a person reads. Given a `Sentence`, it is said in the reader's language and its
 * `message` (for logs and tests) is the English; given a string, that string is said as written.
 */
export class SentenceError extends Error {
  readonly sentence?: Sentence;

  constructor(said: string | Sentence) {
    super(typeof said === 'string' ? said : inEnglish(said.key, said.vars));
    if (typeof said !== 'string') this.sentence = said;
  }

  /** What the person reads, in the language of `t`. */
  sayIn(t: Translate): string {
    return this.sentence === undefined ? this.message : t(this.sentence.key, this.sentence.vars);
  }
}
