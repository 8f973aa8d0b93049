import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { endReasonFor } from '@santral/call-state';
import { EventPublisher } from '@santral/messaging';
import { SERVICE_CONFIG } from '@santral/service-kit';
import { closeCall } from '../calls/call-closer';
import type { TelephonyConfig } from '../config';
import { AccountContextLoader } from '../provider-accounts/account-context.loader';
import { ProviderAccountRepository } from '../provider-accounts/provider-account.repository';
import type { ProviderAccountContext, ProviderCallStatus } from '../providers/provider.port';
import { ProviderRegistry } from '../providers/provider.registry';
import { SubjectNames } from '../shared/subject-names';

interface OpenCall {
  call_id: string;
  organization_id: string;
  provider_account_id: string;
  provider_call_id: string | null;
  direction: 'outbound' | 'inbound';
}

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
    private readonly dataSource: DataSource,
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
    private readonly publisher: EventPublisher,
    private readonly subjects: SubjectNames,
    @Inject(SERVICE_CONFIG) private readonly config: TelephonyConfig,
  ) {}

  async execute(opts: { now?: Date; limit?: number } = {}): Promise<ReconcileResult> {
    const calls: OpenCall[] = await this.dataSource.query(
      `SELECT call_id, organization_id, provider_account_id, provider_call_id, direction FROM telephony_calls
        WHERE ended_at IS NULL AND deadline_at < $1 ORDER BY deadline_at LIMIT $2`,
      [opts.now ?? new Date(), opts.limit ?? 200],
    );
    const result: ReconcileResult = { checked: calls.length, closedByProvider: 0, closedAsLost: 0, stillActive: 0 };
    for (const call of calls) {
      const entity = await this.accounts.findForWebhook(call.provider_account_id);
      const account = entity && entity.organizationId === call.organization_id ? this.contexts.toContext(entity) : undefined;
      const status = await this.ask(account, call);
      if (status.state === 'active') {
        result.stillActive++;
        await this.dataSource.query(`UPDATE telephony_calls SET deadline_at = now() + make_interval(secs => $2) WHERE call_id = $1`, [call.call_id, this.config.RECONCILER_GRACE_SECONDS]);
        continue;
      }
      const ctx = account ?? this.placeholder(call);
      const closed = await this.dataSource.transaction((m) =>
        closeCall(m, this.publisher, this.subjects, {
          account: ctx,
          callId: call.call_id,
          providerCallId: call.provider_call_id,
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

  private async ask(account: ProviderAccountContext | undefined, call: OpenCall): Promise<ProviderCallStatus> {
    if (!account || !call.provider_call_id) return { state: 'unknown' };
    try {
      return await this.registry.get(account.type).fetchCallStatus(account, call.provider_call_id);
    } catch (err) {
      this.logger.warn(`cannot ask ${account.type} about ${call.call_id}: ${(err as Error).message}`);
      return { state: 'unknown' };
    }
  }

  private placeholder(call: OpenCall): ProviderAccountContext {
    return { id: call.provider_account_id, organizationId: call.organization_id, type: 'simulator', settings: {}, secrets: {}, operatorMap: {}, webhookBaseUrl: '' };
  }
}
