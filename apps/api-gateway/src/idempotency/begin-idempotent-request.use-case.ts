import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { DomainError, isDomainError } from '@santral/contracts';
import { canonicalJson } from './canonical-json';
import { IdempotencyStore } from './idempotency.store';
import { openResponse, sealResponse } from './response-cipher';

/** How long answers are replayed, in ms (IDEMPOTENCY_TTL_HOURS). */
export const IDEMPOTENCY_TTL_MS = Symbol('IDEMPOTENCY_TTL_MS');
/** How long a running request holds its key before a retry may take over, in ms (IDEMPOTENCY_LEASE_SECONDS). */
export const IDEMPOTENCY_LEASE_MS = Symbol('IDEMPOTENCY_LEASE_MS');

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

export interface IdempotentRequest {
  /** The Idempotency-Key header, if sent. */
  key: string | undefined;
  principal: Principal;
  /** The bearer credential: it seals the stored answer and is part of the request fingerprint. */
  credential: string;
  method: string;
  url: string;
  body: unknown;
}

export type IdempotencyOutcome =
  | { kind: 'not-requested' }
  | { kind: 'replay'; status: number; body: unknown }
  | {
      kind: 'execute';
      /**
       * What the service that owns the change gets with the command (sha-256 of the key; the
       * organization is the command's own), so a retry that reaches it again is applied once there too.
       */
      keyId: string;
      complete(status: number, body: unknown): Promise<void>;
      /** The request failed: forget the key only when nothing can have been applied (see `mayHaveApplied`). */
      abandon(error: unknown): Promise<void>;
    };

/**
 * Whether a failed request may have changed something: a refusal with a 4xx code, or 503 (nobody
 * served it), changed nothing; a timeout (504), an internal error or anything unknown may have.
 */
export function mayHaveApplied(error: unknown): boolean {
  if (!isDomainError(error)) return true;
  return error.status >= 500 && error.code !== 'SERVICE_UNAVAILABLE';
}

/**
 * `Idempotency-Key` on mutating POSTs (DESIGN §6). First use: claim the key (unique row), run,
 * store the answer. Same key + same request: replay the answer. Same key + another request
 * (body, path or credential): IDEMPOTENCY_KEY_REUSED. Still running: IDEMPOTENCY_REQUEST_IN_PROGRESS
 * with the seconds its lease has left. A request refused outright releases the key (a retry runs
 * again); one that may have been applied (a timeout) keeps the key bound to its request until the
 * lease ends, then a retry takes over and reaches the owning service with the same key, which
 * answers with what it already did.
 */
@Injectable()
export class BeginIdempotentRequestUseCase {
  constructor(
    private readonly store: IdempotencyStore,
    @Inject(IDEMPOTENCY_TTL_MS) private readonly ttlMs: number,
    @Inject(IDEMPOTENCY_LEASE_MS) private readonly leaseMs: number,
  ) {}

  async execute(req: IdempotentRequest): Promise<IdempotencyOutcome> {
    if (req.key === undefined) return { kind: 'not-requested' };
    const key = req.key;
    if (!KEY_SHAPE.test(key)) {
      throw DomainError.validation([
        { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' },
      ]);
    }
    const scope = req.principal.kind === 'platform' ? 'platform' : req.principal.organizationId;
    const organizationId = req.principal.kind === 'platform' ? null : req.principal.organizationId;
    const keyHash = sha256(key);
    const requestHash = sha256(canonicalJson([req.method, req.url, sha256(req.credential), req.body ?? null]));
    const existing = await this.store.claim({ scope, keyHash, organizationId, requestHash, ttlMs: this.ttlMs, leaseMs: this.leaseMs });
    if (!existing) {
      return {
        kind: 'execute',
        keyId: keyHash,
        complete: (status, body) => this.store.complete(scope, keyHash, status, sealResponse(req.credential, key, JSON.stringify(body ?? null))),
        abandon: async (error) => {
          if (!mayHaveApplied(error)) await this.store.release(scope, keyHash);
        },
      };
    }
    if (existing.requestHash !== requestHash) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request');
    }
    if (existing.state !== 'completed' || existing.responseStatus === null || existing.responseBody === null) {
      const retryAfterSeconds = Math.max(1, Math.ceil(existing.leaseRemainingMs / 1000));
      throw new DomainError('IDEMPOTENCY_REQUEST_IN_PROGRESS', `A request with this Idempotency-Key is still running or its outcome is not known yet; retry in ${retryAfterSeconds} s`, {
        retryAfterSeconds,
      });
    }
    const body: unknown = JSON.parse(openResponse(req.credential, key, existing.responseBody));
    return { kind: 'replay', status: existing.responseStatus, body };
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
