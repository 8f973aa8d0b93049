import { Injectable } from '@nestjs/common';
import type { OrgId, Queryable } from '@santral/persistence';

/**
 * A provider account's calls-per-second limit as one token bucket shared by every dialer replica
 * (DESIGN §7): a row per account, refilled by the time elapsed since its last take and taken from in
 * the same statement, so two replicas can never both spend the same token. The bucket holds at most
 * one second's worth (`perSecond`), and a new one starts full. It is keyed by the account alone: a
 * platform account serving several organizations has one limit for all of them (the row holds no
 * tenant data; `organization_id` records who created it).
 */
/** The bucket's tokens now: what it held, refilled at `perSecond` ($4) since its last take, at most one second's worth. */
const AVAILABLE = `least($4::float8, b.tokens + greatest(0, extract(epoch FROM clock_timestamp() - b.refilled_at)) * $4::float8)`;

@Injectable()
export class ProviderRateBuckets {
  /**
   * Takes up to `wanted` tokens; returns how many it granted. Inside the caller's transaction the
   * row stays locked until it ends, and a rollback (nothing dialled) puts the tokens back.
   */
  async take(db: Queryable, orgId: OrgId, providerAccountId: string, wanted: number, perSecond: number): Promise<number> {
    if (wanted <= 0) return 0;
    const [row] = (await db.query(
      `INSERT INTO provider_rate_buckets AS b (provider_account_id, organization_id, tokens, refilled_at, last_granted)
       VALUES ($2, $1, $4::float8 - least($3::int, floor($4::float8)), clock_timestamp(), least($3::int, floor($4::float8)))
       ON CONFLICT (provider_account_id) DO UPDATE
          SET tokens = ${AVAILABLE} - least($3::int, floor(${AVAILABLE})), refilled_at = clock_timestamp(), last_granted = least($3::int, floor(${AVAILABLE}))
       RETURNING b.last_granted`,
      [orgId, providerAccountId, wanted, perSecond],
    )) as Array<{ last_granted: number }>;
    return row?.last_granted ?? 0;
  }

  /** Tokens taken but not spent (a task refused after the take) go back, never above the bucket's size. */
  async giveBack(db: Queryable, providerAccountId: string, unused: number, perSecond: number): Promise<void> {
    if (unused <= 0) return;
    await db.query(`UPDATE provider_rate_buckets SET tokens = least($3::float8, tokens + $2::int) WHERE provider_account_id = $1`, [providerAccountId, unused, perSecond]);
  }
}
