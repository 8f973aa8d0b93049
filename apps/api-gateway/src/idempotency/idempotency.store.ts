import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface IdempotencyClaim {
  /** The organization id, or 'platform' for the platform admin key. */
  scope: string;
  /** SHA-256 hex of the Idempotency-Key header. */
  keyHash: string;
  organizationId: string | null;
  requestHash: string;
  ttlMs: number;
  /** How long an in-progress claim is the caller's alone; past it a retry of the same request may take over. */
  leaseMs: number;
}

export interface StoredIdempotency {
  requestHash: string;
  state: 'in_progress' | 'completed';
  responseStatus: number | null;
  /** Sealed with response-cipher (it can hold a just-created API key). */
  responseBody: Buffer | null;
  /** For an in-progress row: how long until its lease ends (0 when it has). */
  leaseRemainingMs: number;
}

/** Port: the idempotency_keys table. */
export abstract class IdempotencyStore {
  /**
   * Inserts an in-progress row, or takes over an expired one, or an in-progress one of the same
   * request whose lease ended (its process crashed or lost the reply): null if we got it, else the live row.
   */
  abstract claim(claim: IdempotencyClaim): Promise<StoredIdempotency | null>;
  abstract complete(scope: string, keyHash: string, status: number, body: Buffer): Promise<void>;
  /** Forgets a claim whose request failed, so a retry with the same key runs again. */
  abstract release(scope: string, keyHash: string): Promise<void>;
  abstract deleteExpired(): Promise<number>;
}

interface Row {
  request_hash: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: Buffer | null;
  lease_remaining_ms: number;
}

@Injectable()
export class PgIdempotencyStore extends IdempotencyStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async claim(c: IdempotencyClaim): Promise<StoredIdempotency | null> {
    // The unique (scope, key_hash) row is the lock: of two concurrent duplicates one inserts, the other reads.
    for (let attempt = 0; attempt < 3; attempt++) {
      const inserted: unknown[] = await this.dataSource.query(
        `INSERT INTO idempotency_keys (scope, key_hash, organization_id, request_hash, state, expires_at, lease_expires_at)
         VALUES ($1, $2, $3, $4, 'in_progress', now() + $5 * interval '1 millisecond', now() + $6 * interval '1 millisecond')
         ON CONFLICT (scope, key_hash) DO UPDATE
           SET organization_id = EXCLUDED.organization_id, request_hash = EXCLUDED.request_hash,
               state = 'in_progress', response_status = NULL, response_body = NULL,
               created_at = now(), expires_at = EXCLUDED.expires_at, lease_expires_at = EXCLUDED.lease_expires_at
           WHERE idempotency_keys.expires_at <= now()
              OR (idempotency_keys.state = 'in_progress' AND idempotency_keys.lease_expires_at <= now()
                  AND idempotency_keys.request_hash = EXCLUDED.request_hash)
         RETURNING 1`,
        [c.scope, c.keyHash, c.organizationId, c.requestHash, c.ttlMs, c.leaseMs],
      );
      if (inserted.length > 0) return null;
      const rows: Row[] = await this.dataSource.query(
        `SELECT request_hash, state, response_status, response_body,
                greatest(0, ceil(extract(epoch FROM lease_expires_at - now()) * 1000))::int AS lease_remaining_ms
           FROM idempotency_keys WHERE scope = $1 AND key_hash = $2 AND expires_at > now()`,
        [c.scope, c.keyHash],
      );
      const row = rows[0];
      // Gone in between (released or expired): try to claim it again.
      if (row) {
        return { requestHash: row.request_hash, state: row.state, responseStatus: row.response_status, responseBody: row.response_body, leaseRemainingMs: row.lease_remaining_ms ?? 0 };
      }
    }
    throw new Error('Could not claim the idempotency key');
  }

  async complete(scope: string, keyHash: string, status: number, body: Buffer): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = 'completed', response_status = $3, response_body = $4
       WHERE scope = $1 AND key_hash = $2`,
      [scope, keyHash, status, body],
    );
  }

  async release(scope: string, keyHash: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND key_hash = $2 AND state = 'in_progress'`, [scope, keyHash]);
  }

  async deleteExpired(): Promise<number> {
    const [, affected] = (await this.dataSource.query(`DELETE FROM idempotency_keys WHERE expires_at <= now()`)) as [unknown, number];
    return affected ?? 0;
  }
}
