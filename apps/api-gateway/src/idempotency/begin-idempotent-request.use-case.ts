import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { DomainError } from '@santral/contracts';
import { canonicalJson } from './canonical-json';
import { IdempotencyStore } from './idempotency.store';
import { openResponse, sealResponse } from './response-cipher';

/** How long answers are replayed, in ms (IDEMPOTENCY_TTL_HOURS). */
export const IDEMPOTENCY_TTL_MS = Symbol('IDEMPOTENCY_TTL_MS');

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
  | { kind: 'execute'; complete(status: number, body: unknown): Promise<void>; abandon(): Promise<void> };

/**
 * `Idempotency-Key` on mutating POSTs (DESIGN §6). First use: claim the key (unique row), run,
 * store the answer. Same key + same request: replay the answer. Same key + another request
 * (body, path or credential): IDEMPOTENCY_KEY_REUSED. Still running: IDEMPOTENCY_REQUEST_IN_PROGRESS.
 * Failed requests release the key: nothing was written, so a retry may run again.
 */
@Injectable()
export class BeginIdempotentRequestUseCase {
  constructor(
    private readonly store: IdempotencyStore,
    @Inject(IDEMPOTENCY_TTL_MS) private readonly ttlMs: number,
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
    const existing = await this.store.claim({ scope, keyHash, organizationId, requestHash, ttlMs: this.ttlMs });
    if (!existing) {
      return {
        kind: 'execute',
        complete: (status, body) => this.store.complete(scope, keyHash, status, sealResponse(req.credential, key, JSON.stringify(body ?? null))),
        abandon: () => this.store.release(scope, keyHash),
      };
    }
    if (existing.requestHash !== requestHash) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request');
    }
    if (existing.state !== 'completed' || existing.responseStatus === null || existing.responseBody === null) {
      throw new DomainError('IDEMPOTENCY_REQUEST_IN_PROGRESS', 'A request with this Idempotency-Key is still running; retry later');
    }
    const body: unknown = JSON.parse(openResponse(req.credential, key, existing.responseBody));
    return { kind: 'replay', status: existing.responseStatus, body };
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
