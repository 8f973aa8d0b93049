import { Inject, Injectable } from '@nestjs/common';
import type { OrgId, Tx } from '@santral/persistence';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { DialerConfig } from '../config';
import type { ReadyTask } from '../tasks/call-task.repository';
import { CallHistory, type HourOfCalls } from './call-history';
import { PassPacing } from './pass-pacing';
import { ProviderRateBuckets } from './provider-rate-buckets';

/** Tokens a pass holds for one provider account: how many are left to spend, and its rate. */
export interface HeldTokens {
  left: number;
  perSecond: number;
}

/**
 * Paces a dispatch pass of one organization by its calls of the last hour (read by the pass's first
 * statement) and, when a frequency cap applies, the earlier calls of the numbers it is about to
 * dial (read here) — and takes the
 * provider accounts' tokens: a few statements per organization and pass, never one per call.
 */
@Injectable()
export class PassPacer {
  constructor(
    private readonly history: CallHistory,
    private readonly buckets: ProviderRateBuckets,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<DialerConfig, 'PROVIDER_CPS_DEFAULT'>,
  ) {}

  /** `hour`: the organization's calls of the sliding hour, as the pass's first statement read them. */
  async start(tx: Tx, orgId: OrgId, tasks: readonly ReadyTask[], orgCallsPerHour: number | undefined, now: Date, hour: HourOfCalls): Promise<PassPacing> {
    const capped = tasks.filter((t) => t.plan?.retryPolicy?.frequencyCap);
    const days = Math.max(0, ...capped.map((t) => t.plan.retryPolicy!.frequencyCap!.perDays));
    const recent = days > 0 ? await this.history.recentTo(tx, orgId, capped.map((t) => t.to_number), days) : new Map<string, Date[]>();
    return new PassPacing(orgCallsPerHour, hour, recent, now);
  }

  /** One take per provider account for the tasks pacing admitted (in a pass, usually one account). */
  async takeTokens(orgId: OrgId, tasks: readonly ReadyTask[]): Promise<Map<string, HeldTokens>> {
    const wanted = new Map<string, { n: number; perSecond: number }>();
    for (const t of tasks) {
      const account = t.plan.providerAccountId!;
      const perSecond = t.plan.callsPerSecond ?? this.config.PROVIDER_CPS_DEFAULT;
      const w = wanted.get(account);
      wanted.set(account, { n: (w?.n ?? 0) + 1, perSecond: Math.min(w?.perSecond ?? perSecond, perSecond) });
    }
    const held = new Map<string, HeldTokens>();
    for (const [account, w] of wanted) held.set(account, { left: await this.buckets.take(orgId, account, w.n, w.perSecond), perSecond: w.perSecond });
    return held;
  }

  /** Tokens the pass did not spend (refused tasks, no slot after all) go back to their buckets. */
  async giveBack(held: Map<string, HeldTokens>): Promise<void> {
    for (const [account, h] of held) await this.buckets.giveBack(account, h.left, h.perSecond);
  }
}
