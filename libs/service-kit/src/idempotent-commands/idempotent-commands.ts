import { Injectable } from '@nestjs/common';
import { tenantQuery, TransactionRunner, type OrgId, type Tx } from '@santral/persistence';

/**
 * Commands applied once per idempotency key, in the service that owns the change (issue 9): the
 * gateway passes the request's key on with the command, and a retry that reaches the service again
 * (after a timeout, from another gateway replica, after a crash) gets the first answer instead of a
 * second change. The key row and the change commit in one transaction; a concurrent duplicate
 * waits on the row's unique key and then reads the answer.
 */
@Injectable()
export class IdempotentCommands {
  constructor(private readonly tx: TransactionRunner) {}

  /**
   * The stored answer of a command already applied under this key, else null: lets a command do its
   * slow checks (reads, another service's reply) before it opens its transaction, yet answer a retry
   * with the first answer even when those checks would now refuse it.
   */
  async answered<T>(orgId: OrgId, command: string, key: string | undefined): Promise<{ result: T } | null> {
    if (key === undefined) return null;
    const rows = await this.tx.run((tx) =>
      tenantQuery<{ result: T }>(
        tx,
        orgId,
        `SELECT result FROM command_results WHERE organization_id = $1 AND command = $2 AND idempotency_key = $3 AND result IS NOT NULL`,
        [command, key],
      ),
    );
    return rows[0] ? { result: rows[0].result } : null;
  }

  /** Runs `work` in a transaction, once per (organization, command, key); without a key, always. */
  run<T>(orgId: OrgId, command: string, key: string | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.tx.run(async (tx) => {
      if (key === undefined) return work(tx);
      const claimed = await tenantQuery(
        tx,
        orgId,
        `INSERT INTO command_results (organization_id, command, idempotency_key) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING 1`,
        [command, key],
      );
      if (claimed.length === 0) {
        const [done] = await tenantQuery<{ result: T }>(
          tx,
          orgId,
          `SELECT result FROM command_results WHERE organization_id = $1 AND command = $2 AND idempotency_key = $3`,
          [command, key],
        );
        return done!.result;
      }
      const result = await work(tx);
      await tenantQuery(
        tx,
        orgId,
        `UPDATE command_results SET result = $4::jsonb WHERE organization_id = $1 AND command = $2 AND idempotency_key = $3`,
        [command, key, JSON.stringify(result ?? null)],
      );
      return result;
    });
  }
}
