import { Inject, Injectable, Logger } from '@nestjs/common';
import { endReasonCodeForProviderCode, endReasonFor, type EndReason, type EndReasonCode } from '@santral/call-state';
import { Subjects, type OriginateCallV1 } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import { asOrgId, type OrgId, type Tx } from '@santral/persistence';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { TelephonyConfig } from '../config';
import { ProviderAccountDirectory } from '../provider-accounts/provider-account.directory';
import type { ProviderAccountContext } from '../providers/provider.port';
import { ProviderRegistry } from '../providers/provider.registry';
import { ProviderRejectedError } from '../shared/telephony.error';
import { CallCloser } from './call-closer';
import { TelephonyCallRepository } from './telephony-call.repository';

export type OriginateOutcome = 'dialled' | 'duplicate' | 'refused';

/**
 * telephony.call.originate.v1 → one provider call per (callId, attempt), never two
 * (DESIGN §8.2): the claim row commits before the provider is called, so a redelivery,
 * a second replica or a crash after dialling finds it and does not dial again.
 */
@Injectable()
export class OriginateCallUseCase {
  private readonly logger = new Logger(OriginateCallUseCase.name);

  constructor(
    private readonly accounts: ProviderAccountDirectory,
    private readonly calls: TelephonyCallRepository,
    private readonly closer: CallCloser,
    private readonly registry: ProviderRegistry,
    private readonly publisher: EventPublisher,
    @Inject(SERVICE_CONFIG) private readonly config: TelephonyConfig,
  ) {}

  async execute(cmd: OriginateCallV1, manager: Tx): Promise<OriginateOutcome> {
    const orgId = asOrgId(cmd.organizationId);
    const found = await this.accounts.find(orgId, cmd.providerAccountId, manager);
    const claimed = await this.calls.claimOutbound(orgId, {
      callId: cmd.callId, attempt: cmd.attempt, providerAccountId: cmd.providerAccountId, provider: found?.type ?? 'unknown',
      from: cmd.from, to: cmd.to, maxDurationSeconds: cmd.maxDurationSeconds ?? null,
      deadlineSeconds: cmd.ringTimeoutSeconds + this.config.RECONCILER_GRACE_SECONDS,
    });
    if (!claimed) return 'duplicate';
    const account = found ?? ProviderAccountDirectory.placeholder(orgId, cmd.providerAccountId);
    const cancelled = await this.calls.cancellationOf(manager, orgId, cmd.callId);
    if (cancelled) {
      // Hung up before it was dialled: it ends without a provider call.
      await this.refuse(manager, account, cmd, endReasonFor(cancelled as EndReasonCode));
      return 'refused';
    }
    if (!found) {
      await this.refuse(manager, account, cmd, { status: 'failed', reason: 'provider_error', fault: 'configuration', billable: false, providerCode: 'PROVIDER_ACCOUNT_NOT_FOUND' });
      return 'refused';
    }
    try {
      const res = await this.registry.get(account.type).originate(account, {
        callId: cmd.callId, attempt: cmd.attempt, from: cmd.from, to: cmd.to, agentId: cmd.agentId,
        operatorEndpoint: cmd.operatorLeg?.endpoint, operatorEmployeeId: employeeIdOf(account, cmd.operatorLeg?.userId), ringTimeoutSeconds: cmd.ringTimeoutSeconds, maxDurationSeconds: cmd.maxDurationSeconds, record: cmd.record,
      });
      await this.recordDialled(manager, orgId, account, cmd, res.providerCallId, res.legIds ?? []);
      // A hangup that came while it dialled found no provider call to end: end it now.
      if (await this.calls.cancellationOf(manager, orgId, cmd.callId)) {
        await this.registry.get(account.type).hangup(account, res.providerCallId).catch((e: Error) => this.logger.warn(`hangup of cancelled ${cmd.callId} failed: ${e.message}`));
      }
      return 'dialled';
    } catch (err) {
      this.logger.warn(`originate ${cmd.callId} failed: ${(err as Error).message}`);
      await this.refuse(manager, account, cmd, this.reasonFor(err));
      return 'refused';
    }
  }

  private async recordDialled(m: Tx, orgId: OrgId, account: ProviderAccountContext, cmd: OriginateCallV1, providerCallId: string, legIds: string[]): Promise<void> {
    await this.calls.recordDialled(m, orgId, cmd.callId, account.id, providerCallId, legIds);
    const data = { organizationId: orgId, callId: cmd.callId, providerAccountId: account.id, provider: account.type, providerCallId, attempt: cmd.attempt };
    await this.publisher.publish(Subjects.Telephony.CallInitiated, data, { orgid: orgId, subject: cmd.callId, manager: m });
  }

  private reasonFor(err: unknown): EndReason {
    if (err instanceof ProviderRejectedError) {
      const code = err.reason ?? endReasonCodeForProviderCode(err.providerCode) ?? 'provider_error';
      return endReasonFor(code, { providerCode: err.providerCode, sipCause: err.sipCause });
    }
    return endReasonFor('provider_error', { providerCode: 'PROVIDER_UNAVAILABLE' });
  }

  private async refuse(m: Tx, account: ProviderAccountContext, cmd: OriginateCallV1, endReason: EndReason): Promise<void> {
    await this.closer.close(m, { account, callId: cmd.callId, providerCallId: null, direction: 'outbound', endReason });
  }
}

/** The provider's employee id of a Santral operator, from the account's operator map (G4). */
function employeeIdOf(account: ProviderAccountContext, userId: string | undefined): string | undefined {
  if (!userId) return undefined;
  return Object.entries(account.operatorMap).find(([, user]) => user === userId)?.[0];
}
