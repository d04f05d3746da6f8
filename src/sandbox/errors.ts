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

/** Codes the live gateway (Azure API Management) answers itself, before the service sees the request. */
const GATEWAY_CODES: ReadonlySet<string> = new Set(['MissingKey', 'InvalidKey', 'RateLimitExceeded', 'NotFound']);

/** The gateway's own words for its answers, as Azure API Management writes them. */
function gatewayMessage(error: ApiError): string {
  switch (error.code) {
    case 'MissingKey': return 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.';
    case 'InvalidKey': return 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.';
    case 'RateLimitExceeded': return `Rate limit is exceeded. Try again in ${error.headers['Retry-After'] ?? '60'} seconds.`;
    default: return 'Resource not found';
  }
}

/**
 * The error body as the dialect writes it. Documented: `{"error": {code, message}}`. Live: the
 * gateway's `{statusCode, message}` for keys, rate limit and missing routes, the service's
 * `{error: true, message, statusCode}` for the rest.
 */
export function errorBody(error: ApiError, dialect: 'live' | 'documented'): unknown {
  if (dialect === 'documented') return error.body;
  if (GATEWAY_CODES.has(error.code)) return { statusCode: error.status, message: gatewayMessage(error) };
  return { error: true, message: error.message, statusCode: error.status };
}
