import { createHmac } from 'node:crypto';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { ConfigValidationError, loadConfig } from '@santral/config';
import { serviceConfig } from '@santral/service-kit';
import { originOf, parseBaseUrl } from './providers/provider-url.policy';

const KEY_HINT = 'npm start keeps a generated one in .santral/; elsewhere see README "Secrets"';

export class TelephonyConfig extends serviceConfig('telephony-gateway') {
  /** AES-256-GCM key for provider secrets at rest: 32 bytes, base64. No default, in any mode. */
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: `SECRETS_KEY must be set: 32 random bytes in base64, e.g. \`openssl rand -base64 32\` (${KEY_HINT})` })
  SECRETS_KEY: string;

  /**
   * X25519 private key (PKCS#8 DER, base64) that opens the provider secrets the api-gateway seals
   * for this service (its public half is the gateway's TELEPHONY_SEALING_PUBLIC_KEY).
   */
  @Matches(/^[A-Za-z0-9+/]{64}$/, { message: `TELEPHONY_SEALING_PRIVATE_KEY must be set: \`npx tsx scripts/sealing-keys.ts\` prints a pair (${KEY_HINT})` })
  TELEPHONY_SEALING_PRIVATE_KEY: string;

  /** Where providers reach this service's webhook endpoint (scheme://host[:port], no trailing slash). */
  @Matches(/^https?:\/\/[^/]+$/, { message: 'PUBLIC_BASE_URL must be scheme://host[:port] without a path' })
  PUBLIC_BASE_URL: string = 'http://127.0.0.1:3001';

  /**
   * Run the built-in simulated provider in this process (G5). Unset: on in development mode
   * (SANTRAL_DEV_MODE=true, as `npm start` runs), off otherwise.
   */
  @IsIn(['true', 'false'])
  SIMULATOR_ENABLED: 'true' | 'false';

  @IsString()
  SIMULATOR_HOST: string = '127.0.0.1';

  @IsInt()
  @Min(0)
  @Max(65535)
  SIMULATOR_PORT: number = 3091;

  /** Base URL of the simulated provider's API (the one above unless it runs elsewhere). */
  @Matches(/^https?:\/\/[^/]+$/)
  SIMULATOR_URL: string = 'http://127.0.0.1:3091';

  @Matches(/^https?:\/\/[^/]+$/)
  TWILIO_API_BASE_URL: string = 'https://api.twilio.com';

  @Matches(/^https?:\/\/.+$/)
  CALLGEAR_CALL_API_URL: string = 'https://callapi.callgear.com/v4.0';

  @Matches(/^https?:\/\/.+$/)
  CALLGEAR_DATA_API_URL: string = 'https://dataapi.callgear.com/v2.0';

  /**
   * Base URLs a tenant may name in an account's settings (comma-separated; each allows its
   * host and any path under its own), besides the host of the default above. A tenant URL
   * outside them is refused and never fetched (SSRF): provider hosts are deployment config.
   */
  @IsString()
  TWILIO_URL_ALLOW_LIST: string = '';

  /** Allowed `settings.callApiUrl` / `settings.dataApiUrl`, besides the hosts of the two defaults. */
  @IsString()
  CALLGEAR_URL_ALLOW_LIST: string = '';

  /** Allowed simulator `settings.baseUrl`, besides SIMULATOR_URL. */
  @IsString()
  SIMULATOR_URL_ALLOW_LIST: string = '';

  /** Development only: tenants may name any http(s) provider URL (local stand-ins). Off by default. */
  @IsIn(['true', 'false'])
  TELEPHONY_ALLOW_TENANT_URLS: 'true' | 'false' = 'false';

  /**
   * The bearer key of the simulator's control API (PUT of an account's console), known only to
   * the gateway and the simulator. Empty: derived from SECRETS_KEY.
   */
  @Matches(/^(|[\x21-\x7e]{24,256})$/, { message: 'SIMULATOR_CONTROL_KEY must be 24..256 printable characters (or empty)' })
  SIMULATOR_CONTROL_KEY: string = '';

  /**
   * Proxies (IPs or IPv4 CIDRs, comma-separated) whose X-Forwarded-For the webhook path believes,
   * e.g. the ingress' addresses. Empty: the client address is the socket's, so nobody can pass a
   * provider's IP allow-list by sending the header.
   */
  @IsString()
  WEBHOOK_TRUSTED_PROXIES: string = '';

  /** Standard-Webhooks timestamp tolerance (simulator signatures). */
  @IsInt()
  @Min(10)
  @Max(3600)
  WEBHOOK_TOLERANCE_SECONDS: number = 300;

  /** Webhook receipts (raw payload + dedupe key) are kept this long; at least 3 days (DESIGN §7). */
  @IsInt()
  @Min(3)
  @Max(365)
  WEBHOOK_RETENTION_DAYS: number = 7;

  /** Largest number of webhooks written in one transaction (group commit). */
  @IsInt()
  @Min(1)
  @Max(2000)
  INGEST_BATCH_MAX: number = 256;

  /** Ingest transactions in flight at once; each takes a pooled connection. */
  @IsInt()
  @Min(1)
  @Max(64)
  INGEST_CONCURRENCY: number = 3;

  /**
   * While an ingest batch is in flight, the next one waits for this many webhooks or for
   * INGEST_LINGER_MS, whichever comes first (bigger batches cost Postgres half as much per
   * webhook). An idle gateway writes at once.
   */
  @IsInt()
  @Min(1)
  @Max(2000)
  INGEST_BATCH_MIN: number = 32;

  @IsInt()
  @Min(0)
  @Max(1000)
  INGEST_LINGER_MS: number = 8;

  @IsInt()
  @Min(0)
  @Max(600_000)
  RECONCILER_INTERVAL_MS: number = 10_000;

  /** Extra seconds past a call's expected end before the reconciler asks the provider. */
  @IsInt()
  @Min(1)
  @Max(86_400)
  RECONCILER_GRACE_SECONDS: number = 120;

  /** Calls without a maxDurationSeconds are expected to end within this. */
  @IsInt()
  @Min(60)
  @Max(86_400)
  DEFAULT_MAX_CALL_SECONDS: number = 3600;
}

export function loadTelephonyConfig(env: Record<string, string | undefined> = process.env): TelephonyConfig {
  const simulator = env.SIMULATOR_ENABLED ?? (env.SANTRAL_DEV_MODE === 'true' ? 'true' : 'false');
  const config = loadConfig(TelephonyConfig, { ...env, SIMULATOR_ENABLED: simulator });
  const problems = (['TWILIO_URL_ALLOW_LIST', 'CALLGEAR_URL_ALLOW_LIST', 'SIMULATOR_URL_ALLOW_LIST'] as const).flatMap((name) =>
    urlList(config[name])
      .filter((entry) => !parseBaseUrl(entry))
      .map((entry) => `${name}: "${entry}" must be an http(s) base URL without credentials, query or fragment`),
  );
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return config;
}

/** A comma-separated list variable, trimmed, empties dropped. */
export function urlList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Per provider type, the base URLs tenant settings may name: the default's host plus the type's list. */
export function providerUrlAllowLists(config: TelephonyConfig): Record<'simulator' | 'twilio' | 'callgear', string[]> {
  return {
    simulator: [originOf(config.SIMULATOR_URL), ...urlList(config.SIMULATOR_URL_ALLOW_LIST)],
    twilio: [originOf(config.TWILIO_API_BASE_URL), ...urlList(config.TWILIO_URL_ALLOW_LIST)],
    callgear: [originOf(config.CALLGEAR_CALL_API_URL), originOf(config.CALLGEAR_DATA_API_URL), ...urlList(config.CALLGEAR_URL_ALLOW_LIST)],
  };
}

/** SIMULATOR_CONTROL_KEY, or one derived from SECRETS_KEY (the same in every replica of a deployment). */
export function simulatorControlKey(config: TelephonyConfig): string {
  return config.SIMULATOR_CONTROL_KEY || createHmac('sha256', Buffer.from(config.SECRETS_KEY, 'base64')).update('santral/simulator-control').digest('base64url');
}
