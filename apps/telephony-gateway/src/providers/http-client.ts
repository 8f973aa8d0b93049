import { ProviderRejectedError } from '../shared/telephony.error';

export class ProviderHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`provider answered HTTP ${status}`);
  }
}

export interface HttpCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string | string[]>;
  timeoutMs?: number;
}

/** One HTTP call to a provider API with a timeout; non-2xx → ProviderHttpError with the parsed body. */
export async function providerRequest<T = unknown>(call: HttpCall): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
  let body: string | undefined;
  if (call.json !== undefined) {
    headers['content-type'] = 'application/json; charset=utf-8';
    body = JSON.stringify(call.json);
  } else if (call.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(call.form)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
    body = params.toString();
  }
  // No redirects: an allowed provider host must not be able to send the request on to another address (SSRF).
  const res = await fetch(call.url, { method: call.method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(call.timeoutMs ?? 10_000) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep text */
  }
  if (!res.ok) throw new ProviderHttpError(res.status, parsed);
  return parsed as T;
}

/** Turns a 4xx with a provider code into ProviderRejectedError; other failures rethrow. */
export function rejectionOf(err: unknown, codeOf: (body: Record<string, unknown>) => string | undefined): never {
  if (err instanceof ProviderHttpError && err.status >= 400 && err.status < 500 && typeof err.body === 'object' && err.body) {
    const body = err.body as Record<string, unknown>;
    const code = codeOf(body);
    if (code) throw new ProviderRejectedError(code, typeof body.message === 'string' ? body.message : `HTTP ${err.status}`);
  }
  throw err;
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
