/** Error codes the sandbox answers with, in `{"error": {"code", "message"}}`. */
export type ErrorCode =
  | 'MissingKey'
  | 'InvalidKey'
  | 'ReadOnlyKey'
  | 'RateLimitExceeded'
  | 'TicketNotFound'
  | 'NotFound'
  | 'InvalidParameter'
  | 'MissingField'
  | 'MalformedBody'
  | 'PayloadTooLarge'
  | 'InvalidTransition'
  | 'InvalidContinuationToken'
  | 'InternalError'
  | (string & {});

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** A refusal that becomes an HTTP answer; handlers throw it, the app turns it into the error body. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  get body(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

export const invalidParameter = (message: string): ApiError =>
  new ApiError(400, 'InvalidParameter', message);

export const missingField = (field: string): ApiError =>
  new ApiError(400, 'MissingField', `The field "${field}" is required.`);

export const ticketNotFound = (id: string): ApiError =>
  new ApiError(404, 'TicketNotFound', `No ticket has the id "${id}".`);
