import { IsInt, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { loadConfig } from '@santral/config';
import { serviceConfig } from '@santral/service-kit';

export class GatewayConfig extends serviceConfig('api-gateway') {
  /** Platform admin key (`Authorization: Bearer <key>`): creates and edits organizations. */
  @IsString({ message: 'SANTRAL_ADMIN_KEY is required' })
  @MinLength(16, { message: 'SANTRAL_ADMIN_KEY must be at least 16 characters' })
  SANTRAL_ADMIN_KEY: string;

  /**
   * The telephony-gateway's X25519 public key (SPKI DER, base64): provider secrets cross NATS
   * sealed for it. npm start generates the pair into .santral/; elsewhere see README "Secrets".
   */
  @Matches(/^[A-Za-z0-9+/]{59}=$/, { message: 'TELEPHONY_SEALING_PUBLIC_KEY must be set: the public half of the telephony-gateway\'s TELEPHONY_SEALING_PRIVATE_KEY (`npx tsx scripts/sealing-keys.ts`)' })
  TELEPHONY_SEALING_PUBLIC_KEY: string;

  /**
   * How long a replica reuses an organization key it authenticated, without reading it again; a key
   * revoked on another replica is refused here at most this much later (0: read on every request).
   */
  @IsInt()
  @Min(0)
  @Max(60_000)
  API_KEY_CACHE_TTL_MS: number = 2000;

  /** How long a stored Idempotency-Key answer is replayed. */
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  IDEMPOTENCY_TTL_HOURS: number = 24;

  /**
   * How long a running request holds its Idempotency-Key; a request that timed out keeps it bound to
   * its body until then, after which a retry takes over (and the owning service answers it once).
   */
  @IsInt()
  @Min(1)
  @Max(3600)
  IDEMPOTENCY_LEASE_SECONDS: number = 60;

  /** How long a request to a service over NATS waits for its reply (then 504 UPSTREAM_TIMEOUT). */
  @IsInt()
  @Min(100)
  @Max(120_000)
  RPC_TIMEOUT_MS: number = 5000;

  /**
   * The same for requests that wait on a telephony provider's own API (create, update and test
   * a provider account): the telephony-gateway gives each provider call up to 10 s.
   */
  @IsInt()
  @Min(100)
  @Max(120_000)
  PROVIDER_RPC_TIMEOUT_MS: number = 25_000;

  /** How long a stream token (`POST /v1/events/stream-tokens`) opens `GET /v1/events/stream`. */
  @IsInt()
  @Min(5)
  @Max(3600)
  EVENTS_STREAM_TOKEN_TTL_SECONDS: number = 60;

  /**
   * HMAC key of stream tokens, the same on every replica; empty: derived from SANTRAL_ADMIN_KEY
   * (HKDF), so replicas agree without another secret to deploy.
   */
  @ValidateIf((c: GatewayConfig) => c.EVENTS_STREAM_TOKEN_SECRET !== undefined && c.EVENTS_STREAM_TOKEN_SECRET !== '')
  @IsString()
  @MinLength(32, { message: 'EVENTS_STREAM_TOKEN_SECRET must be at least 32 characters (or empty)' })
  EVENTS_STREAM_TOKEN_SECRET?: string;

  /** A `:` comment line this often on an idle event stream, so proxies keep it open. */
  @IsInt()
  @Min(100)
  @Max(300_000)
  EVENTS_STREAM_HEARTBEAT_MS: number = 15_000;

  /** Open event streams per organization on one gateway replica; the next one gets 429 STREAM_CONNECTION_LIMIT. */
  @IsInt()
  @Min(1)
  @Max(100_000)
  EVENTS_STREAM_MAX_CONNECTIONS_PER_ORG: number = 200;

  /** Bytes an event stream may have waiting for a slow client (socket buffer and resume backlog); past it the stream is closed. */
  @IsInt()
  @Min(4096)
  @Max(64 * 1024 * 1024)
  EVENTS_STREAM_MAX_BUFFERED_BYTES: number = 1024 * 1024;

  /** Stream messages a resume (Last-Event-ID) reads at most; further back, the client gets a `gap` event and the live stream. */
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  EVENTS_STREAM_RESUME_MAX_MESSAGES: number = 200_000;
}

export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  return loadConfig(GatewayConfig, env);
}
