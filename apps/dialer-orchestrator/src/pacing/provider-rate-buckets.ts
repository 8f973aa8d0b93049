import { Injectable } from '@nestjs/common';
import { AutocommitStatements, type OrgId } from '@santral/persistence';

/**
 * A provider account's calls-per-second limit as one token bucket shared by every dialer replica
 * (DESIGN §7): a row per account, refilled by the time elapsed since its last take and taken from in
 * the same statement, so two replicas can never both spend the same token. The bucket holds at most
 * one second's worth (`perSecond`), and a new one starts full. It is keyed by the account alone: a
 * platform account serving several organizations has one limit for all of them (the row holds no
 * tenant data; `organization_id` records who created it).
 *
 * Each take and give-back commits on its own (the side pool of autocommitted statements), never
 * inside a dispatch transaction: held there, the row's lock made every other pass on the account —
 * the other replica's, or another organization's on a shared account — wait for that whole
 * transaction (measured: takes of 0.1–2.8 s under bench:dialer). A pass that fails after its take
 * loses those tokens: fewer calls that second, never more than the limit.
 */
/** The bucket's tokens now: what it held, refilled at `perSecond` ($4) since its last take, at most one second's worth. */
const AVAILABLE = `least($4::float8, b.tokens + greatest(0, extract(epoch FROM clock_timestamp() - b.refilled_at)) * $4::float8)`;

@Injectable()
export class ProviderRateBuckets {
  constructor(private readonly autocommit: AutocommitStatements) {}

  /** Takes up to `wanted` tokens in one committed statement; returns how many it granted. */
  async take(orgId: OrgId, providerAccountId: string, wanted: number, perSecond: number): Promise<number> {
    if (wanted <= 0) return 0;
    const [row] = (await this.autocommit.query(
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
  async giveBack(providerAccountId: string, unused: number, perSecond: number): Promise<void> {
    if (unused <= 0) return;
    await this.autocommit.query(`UPDATE provider_rate_buckets SET tokens = least($3::float8, tokens + $2::int) WHERE provider_account_id = $1`, [providerAccountId, unused, perSecond]);
  }
}
