import { Inject, Injectable, Logger } from '@nestjs/common';
import { endReasonFor } from '@santral/call-state';
import { TransactionRunner } from '@santral/persistence';
import { SERVICE_CONFIG } from '@santral/service-kit';
import { CallCloser } from '../calls/call-closer';
import { TelephonyCallRepository, type OverdueCall } from '../calls/telephony-call.repository';
import type { TelephonyConfig } from '../config';
import { ProviderAccountDirectory } from '../provider-accounts/provider-account.directory';
import type { ProviderAccountContext, ProviderCallStatus } from '../providers/provider.port';
import { ProviderRegistry } from '../providers/provider.registry';

export interface ReconcileResult {
  checked: number;
  closedByProvider: number;
  closedAsLost: number;
  stillActive: number;
}

/**
 * DESIGN §7: a call with no terminal fact past its deadline is asked about and closed
 * with the provider's answer, or as lost_provider_events (fault carrier). Safe with
 * several replicas: closing is guarded by `ended_at IS NULL`, so a call ends once.
 */
@Injectable()
export class ReconcileCallsUseCase {
  private readonly logger = new Logger(ReconcileCallsUseCase.name);

  constructor(
    private readonly calls: TelephonyCallRepository,
    private readonly accounts: ProviderAccountDirectory,
    private readonly closer: CallCloser,
    private readonly registry: ProviderRegistry,
    private readonly tx: TransactionRunner,
    @Inject(SERVICE_CONFIG) private readonly config: TelephonyConfig,
  ) {}

  async execute(opts: { now?: Date; limit?: number } = {}): Promise<ReconcileResult> {
    const calls = await this.calls.overdueAcrossOrganizations(opts.now ?? new Date(), opts.limit ?? 200);
    const result: ReconcileResult = { checked: calls.length, closedByProvider: 0, closedAsLost: 0, stillActive: 0 };
    for (const call of calls) {
      const account = (await this.accounts.find(call.organizationId, call.providerAccountId)) ?? undefined;
      const status = await this.ask(account, call);
      if (status.state === 'active') {
        result.stillActive++;
        await this.calls.extendDeadline(call.organizationId, call.callId, this.config.RECONCILER_GRACE_SECONDS);
        continue;
      }
      const ctx = account ?? ProviderAccountDirectory.placeholder(call.organizationId, call.providerAccountId);
      const closed = await this.tx.run((m) =>
        this.closer.close(m, {
          account: ctx,
          callId: call.callId,
          providerCallId: call.providerCallId,
          direction: call.direction,
          ...(status.state === 'ended'
            ? { endReason: status.endReason, talkSeconds: status.talkSeconds, waitSeconds: status.waitSeconds, totalSeconds: status.totalSeconds }
            : { endReason: endReasonFor('lost_provider_events') }),
        }),
      );
      if (closed && status.state === 'ended') result.closedByProvider++;
      else if (closed) result.closedAsLost++;
    }
    if (calls.length) this.logger.log(`reconciled ${JSON.stringify(result)}`);
    return result;
  }

  private async ask(account: ProviderAccountContext | undefined, call: OverdueCall): Promise<ProviderCallStatus> {
    if (!account || !call.providerCallId) return { state: 'unknown' };
    try {
      return await this.registry.get(account.type).fetchCallStatus(account, call.providerCallId);
    } catch (err) {
      this.logger.warn(`cannot ask ${account.type} about ${call.callId}: ${(err as Error).message}`);
      return { state: 'unknown' };
    }
  }
}
