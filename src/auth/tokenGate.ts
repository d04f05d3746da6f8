import { decodeJwt, errors, importJWK, jwtVerify, type JWTPayload } from 'jose';
import { MetadataUnavailable, OpenIdKeys } from './openIdKeys.js';

/** Why a request's token was refused: one word for the log, never the token or the claims. */
export type RefusalReason =
  | 'no-token' | 'malformed' | 'unknown-key' | 'bad-signature' | 'expired' | 'audience' | 'issuer'
  | 'claims' | 'endorsement' | 'service-url' | 'metadata-unavailable' | 'rejected';

export class AuthRefused extends Error {
  override name = 'AuthRefused';

  constructor(readonly reason: RefusalReason) {
    super(`token refused: ${reason}`);
  }
}

export interface TokenGateOptions {
  appId: string;
  /** Bot Framework's channel tokens' issuer (ToBotFromChannelTokenIssuer). */
  channelIssuer: string;
  /** ToBotFromChannelOpenIdMetadataUrl */
  channelMetadataUrl: string;
  /** ToBotFromEmulatorOpenIdMetadataUrl: the keys of every other token the SDK accepts (emulator, skills). */
  emulatorMetadataUrl: string;
  keys?: OpenIdKeys;
}

/** Clock skew allowed on `exp` and `nbf`, as the Bot Framework SDK allows. */
const CLOCK_TOLERANCE_S = 300;

/**
 * A fast first check of a request's bearer token, before the Bot Framework SDK validates it
 * again with all its rules: signature by a published key, not expired, for this bot, and for a
 * channel token the issuer, the key's endorsement of the channel and the signed service URL.
 * It exists because the SDK fetches sign-in metadata with no timeout and again for every token
 * whose key it does not know, and logs each refusal's stack: here a forged token costs no request
 * and a hanging sign-in service costs a bounded wait.
 */
export class TokenGate {
  private readonly keys: OpenIdKeys;

  constructor(private readonly options: TokenGateOptions) {
    this.keys = options.keys ?? new OpenIdKeys();
  }

  /** Resolves when `authHeader` carries a token worth the SDK's look; throws AuthRefused otherwise. */
  async check(authHeader: string, activity: { channelId?: string; serviceUrl?: string }): Promise<void> {
    const match = /^Bearer\s+(\S+)$/i.exec(authHeader.trim());
    if (!match) throw new AuthRefused('no-token');
    const token = match[1]!;
    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      throw new AuthRefused('malformed');
    }
    const fromChannel = claims.iss === this.options.channelIssuer;
    const metadataUrl = fromChannel ? this.options.channelMetadataUrl : this.options.emulatorMetadataUrl;

    let verified: JWTPayload;
    try {
      ({ payload: verified } = await jwtVerify(token, async (header) => {
        const key = header.kid === undefined ? undefined : await this.keys.key(metadataUrl, header.kid);
        if (key === undefined) throw new AuthRefused('unknown-key');
        if (fromChannel && key.endorsements !== undefined && !key.endorsements.includes(activity.channelId ?? '')) {
          throw new AuthRefused('endorsement');
        }
        return importJWK(key, header.alg);
      }, {
        algorithms: ['RS256'],
        audience: this.options.appId,
        issuer: fromChannel ? this.options.channelIssuer : undefined,
        clockTolerance: CLOCK_TOLERANCE_S,
      }));
    } catch (error) {
      throw new AuthRefused(reasonOf(error));
    }
    if (fromChannel && verified.serviceurl !== activity.serviceUrl) throw new AuthRefused('service-url');
  }
}

function reasonOf(error: unknown): RefusalReason {
  if (error instanceof AuthRefused) return error.reason;
  if (error instanceof MetadataUnavailable) return 'metadata-unavailable';
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) return error.claim === 'aud' ? 'audience' : error.claim === 'iss' ? 'issuer' : 'claims';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad-signature';
  if (error instanceof errors.JOSEError) return 'malformed';
  return 'rejected';
}
