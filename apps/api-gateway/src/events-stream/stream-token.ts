import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@santral/contracts';

/** What a connection may see of its organization's screen-pops: its own user's, or all of them. */
export type ScreenPopScope = 'own' | 'all';

/** What a stream token grants: the event stream of one organization, as seen by one user (or by the organization). */
export interface StreamGrant {
  organizationId: string;
  /** The user the stream is for; null: an organization-wide stream (a supervisor's wallboard, an integration). */
  userId: string | null;
  screenPops: ScreenPopScope;
  expiresAt: Date;
}

const PURPOSE = 'events-stream';
const PREFIX = 'est_';

interface Claims {
  p: typeof PURPOSE;
  o: string;
  u: string | null;
  s: ScreenPopScope;
  /** Expiry, epoch ms. */
  e: number;
  /** Makes two tokens minted in the same millisecond differ. */
  n: string;
}

/** The HMAC key: EVENTS_STREAM_TOKEN_SECRET, else one derived from the admin key so every replica has the same. */
export function streamTokenKey(adminKey: string, secret: string | undefined): Buffer {
  const ikm = secret && secret.length > 0 ? secret : adminKey;
  return Buffer.from(hkdfSync('sha256', ikm, 'santral', 'santral/events-stream-token/v1', 32));
}

/**
 * Signed, self-contained stream tokens (HMAC-SHA256): any gateway replica checks one without a
 * lookup. Single purpose: the `p` claim and the `est_` prefix keep it from passing for anything else.
 */
export class StreamTokenCodec {
  constructor(private readonly key: Buffer) {}

  sign(grant: StreamGrant): string {
    const claims: Claims = { p: PURPOSE, o: grant.organizationId, u: grant.userId, s: grant.screenPops, e: grant.expiresAt.getTime(), n: randomBytes(6).toString('base64url') };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${PREFIX}${body}.${this.mac(body)}`;
  }

  /** The grant of a token, or STREAM_TOKEN_INVALID (forged, altered, not a stream token) / STREAM_TOKEN_EXPIRED. */
  verify(token: string | undefined, now: Date): StreamGrant {
    const claims = this.claimsOf(token);
    if (claims.e <= now.getTime()) {
      throw new DomainError('STREAM_TOKEN_EXPIRED', 'The stream token expired; ask POST /v1/events/stream-tokens for a new one and reconnect with lastEventId');
    }
    return { organizationId: claims.o, userId: claims.u, screenPops: claims.s, expiresAt: new Date(claims.e) };
  }

  private claimsOf(token: string | undefined): Claims {
    const invalid = () => new DomainError('STREAM_TOKEN_INVALID', 'Send the token of POST /v1/events/stream-tokens as ?token=');
    if (!token || !token.startsWith(PREFIX) || token.length > 1024) throw invalid();
    const [body, mac, ...rest] = token.slice(PREFIX.length).split('.');
    if (!body || !mac || rest.length > 0) throw invalid();
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
    let claims: Partial<Claims>;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Claims>;
    } catch {
      throw invalid();
    }
    const wellFormed = claims.p === PURPOSE && typeof claims.o === 'string' && (claims.u === null || typeof claims.u === 'string') && (claims.s === 'own' || claims.s === 'all') && typeof claims.e === 'number';
    if (!wellFormed) throw invalid();
    return claims as Claims;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(`${PURPOSE}.${body}`).digest('base64url');
  }
}
