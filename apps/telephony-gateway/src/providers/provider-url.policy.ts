import { ProviderRejectedError } from '../shared/telephony.error';

/** A tenant setting that names a provider API base URL. */
export type ProviderUrlField = 'settings.baseUrl' | 'settings.callApiUrl' | 'settings.dataApiUrl';

/** Raised at use time when a stored account names a URL outside the allow-list; nothing was sent. */
export class ProviderUrlNotAllowedError extends ProviderRejectedError {
  constructor(readonly field: ProviderUrlField) {
    super('PROVIDER_URL_NOT_ALLOWED', `${field} is not an allowed provider URL`);
  }
}

interface ParsedBase {
  protocol: string;
  host: string;
  path: string;
}

/**
 * A base URL as the adapters use it: http(s), no credentials, no query or fragment (a `?`
 * or `#` would turn the path the adapter appends into data). Returns the normalized
 * `origin + path` without a trailing slash, or undefined.
 */
export function parseBaseUrl(value: unknown): ParsedBase | undefined {
  if (typeof value !== 'string' || value.length > 2048 || /[?#\s\\]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || !url.hostname) return undefined;
  return { protocol: url.protocol, host: url.host, path: url.pathname.replace(/\/+$/, '') };
}

const format = (p: ParsedBase) => `${p.protocol}//${p.host}${p.path}`;

/**
 * Which API base URLs a tenant may name for one provider type. Provider hosts are deployment
 * config: a tenant URL must fall under an allow-list entry (same scheme, host and port, path
 * under the entry's path), so the service never fetches an address a tenant picked (SSRF).
 * `allowAny` is the explicit development mode (TELEPHONY_ALLOW_TENANT_URLS).
 */
export class ProviderUrlPolicy {
  private readonly entries: ParsedBase[];

  constructor(
    allowList: readonly string[],
    private readonly allowAny = false,
  ) {
    this.entries = allowList.map((entry) => {
      const parsed = parseBaseUrl(entry);
      if (!parsed) throw new Error(`not a base URL: ${entry}`);
      return parsed;
    });
  }

  allows(value: unknown): boolean {
    const url = parseBaseUrl(value);
    if (!url) return false;
    if (this.allowAny) return true;
    return this.entries.some((e) => e.protocol === url.protocol && e.host === url.host && (url.path === e.path || url.path.startsWith(`${e.path}/`)));
  }

  /** The validation problem of a tenant setting (absent = the deployment default, fine). */
  problem(field: ProviderUrlField, value: unknown): string | undefined {
    if (value === undefined || this.allows(value)) return undefined;
    return parseBaseUrl(value)
      ? `${field} is not an allowed provider URL (the deployment's allow-list decides)`
      : `${field} must be an http(s) base URL without credentials, query or fragment`;
  }

  /** The URL to call: the tenant's (normalized) when allowed, the default when absent; refuses before any request. */
  resolve(field: ProviderUrlField, value: unknown, fallback: string): string {
    if (value === undefined) return fallback;
    if (!this.allows(value)) throw new ProviderUrlNotAllowedError(field);
    return format(parseBaseUrl(value)!);
  }
}

/** The origin of a configured default URL (an allow-list entry: its host, any path). */
export function originOf(url: string): string {
  return new URL(url).origin;
}
