import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths } from './schema';

/** The typed client of the Santral API: `client.GET('/v1/campaigns/{id}', { params: { path: { id } } })`. */
export type SantralClient = Client<paths>;

/** A schema of the API's components by name: `Schema<'CampaignDto'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export interface SantralClientOptions {
  /** Where the gateway answers, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** An organization API key, or the platform admin key: sent as `Authorization: Bearer <key>`. */
  apiKey: string;
  /** Another fetch (tests, proxies); default the global one. */
  fetch?: ClientOptions['fetch'];
  /** More headers for every request. */
  headers?: Record<string, string>;
}

/**
 * An openapi-fetch client for the Santral API, generated from the gateway's OpenAPI document
 * (`npm run client:generate`). Every call answers `{ data }` or `{ error }` (RFC 9457 problem
 * details with a stable `code`) and its `response`; `ok()` turns the second into a thrown error.
 */
export function createSantralClient(options: SantralClientOptions): SantralClient {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    fetch: options.fetch,
    headers: { ...options.headers, Authorization: `Bearer ${options.apiKey}` },
  });
}

/**
 * The `Idempotency-Key` header of a mutating POST (the API replays the first answer for the same
 * key and body, and refuses the key with another body): a fresh random key unless one is given.
 * Keep the key to retry the same request: `params: { header: idempotencyKey(key) }`.
 */
export function idempotencyKey(key: string = globalThis.crypto.randomUUID()): { 'Idempotency-Key': string } {
  return { 'Idempotency-Key': key };
}

/** RFC 9457 problem details as the API answers them. */
export type Problem = Schema<'ProblemDetailsDto'>;

/** An answer that was not 2xx (or not an answer at all), with the API's problem details when it sent them. */
export class SantralApiError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly problem: Partial<Problem> | undefined,
  ) {
    super(`${url}: ${status}${problem?.code ? ` ${problem.code}` : ''}${problem?.detail ? `: ${problem.detail}` : problem?.title ? `: ${problem.title}` : ''}`);
    this.name = 'SantralApiError';
  }

  /** The stable error code (`INSUFFICIENT_CREDITS`, `NOT_FOUND`, …), when the answer had one. */
  get code(): string | undefined {
    return this.problem?.code;
  }
}

/**
 * The data of a successful call, else a thrown SantralApiError:
 * `const org = await ok(client.GET('/v1/organizations/{id}', { params: { path: { id } } }))`.
 */
export async function ok<Data>(call: Promise<{ data?: Data; error?: unknown; response: Response }>): Promise<Data> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) {
    const problem = typeof error === 'object' && error !== null ? (error as Partial<Problem>) : undefined;
    throw new SantralApiError(pathOf(response.url), response.status, problem);
  }
  return data as Data;
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

export interface ContactsFile {
  /** The file's bytes: CSV (UTF-8, UTF-16 with BOM or Windows-1254) or XLSX. */
  bytes: string | Uint8Array;
  /** Default `contacts.csv`. */
  filename?: string;
  /** Which columns hold what, when the header guess would be wrong. */
  mapping?: { phone: string; name?: string; timeZone?: string; variables?: string[] };
}

/**
 * Starts an import of a contacts file into a call list (multipart/form-data, answered 202 with the
 * job at once); poll `GET /v1/imports/{id}` until it is `completed` or `failed`.
 */
export function importContacts(client: SantralClient, callListId: string, file: ContactsFile) {
  const form = new FormData();
  const bytes = typeof file.bytes === 'string' ? new TextEncoder().encode(file.bytes) : file.bytes;
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), file.filename ?? 'contacts.csv');
  if (file.mapping) form.append('mapping', JSON.stringify(file.mapping));
  return client.POST('/v1/call-lists/{id}/imports', {
    params: { path: { id: callListId } },
    // The typed body describes the parts; the request sends the FormData (fetch sets the boundary).
    body: { file: '', ...(file.mapping ? { mapping: JSON.stringify(file.mapping) } : {}) },
    bodySerializer: () => form,
  });
}
