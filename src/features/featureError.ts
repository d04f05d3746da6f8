/** A failure a person can act on, said in their words; `ticketId` adds a button to show the ticket. */
export class FeatureError extends Error {
  override name = 'FeatureError';
  constructor(message: string, readonly ticketId?: string) {
    super(message);
  }
}
