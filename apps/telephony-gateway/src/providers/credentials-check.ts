import type { ProviderTestRefusal } from '@santral/contracts';
import { ProviderRejectedError } from '../shared/telephony.error';
import { ProviderHttpError } from './http-client';
import { ProviderUrlNotAllowedError } from './provider-url.policy';

/**
 * What an adapter's credentials test found. `cause` stays inside the service (logged for the
 * operator); the reply carries only the category.
 */
export type CredentialsCheck = { ok: true } | { ok: false; reason: ProviderTestRefusal; cause?: unknown };

/** No answer: refused connection, DNS failure, timeout (fetch's TypeError, AbortSignal.timeout). */
function isUnreachable(err: unknown): boolean {
  // AbortSignal.timeout() rejects with a DOMException, which is not always an `instanceof Error` (realms).
  const name = typeof err === 'object' && err !== null ? (err as { name?: unknown }).name : undefined;
  return name === 'TimeoutError' || name === 'AbortError' || (name === 'TypeError' && (err as { message?: unknown }).message === 'fetch failed');
}

/** The category of a failed test request; the provider's text is never part of it. */
export function refusalOf(err: unknown): ProviderTestRefusal {
  if (err instanceof ProviderUrlNotAllowedError) return 'not_allowed';
  if (err instanceof ProviderHttpError) return err.status === 401 || err.status === 403 ? 'credentials_rejected' : 'provider_error';
  if (err instanceof ProviderRejectedError) return 'provider_error';
  return isUnreachable(err) ? 'unreachable' : 'provider_error';
}
