import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { endReasonCodeForProviderCode, endReasonFor, type EndReason } from '@santral/call-state';
import type { OriginateCallV1 } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import { asOrgId } from '@santral/persistence';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { TelephonyConfig } from '../config';
import { AccountContextLoader } from '../provider-accounts/account-context.loader';
import { ProviderAccountRepository } from '../provider-accounts/provider-account.repository';
import type { ProviderAccountContext } from '../providers/provider.port';
import { ProviderRegistry } from '../providers/provider.registry';
import { SubjectNames } from '../shared/subject-names';
import { ProviderRejectedError } from '../shared/telephony.error';
import { RANK_SQL } from '../webhooks/call-lifecycle.sql';
import { closeCall } from './call-closer';

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
    private readonly dataSource: DataSource,
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
    private readonly publisher: EventPublisher,
    private readonly subjects: SubjectNames,
    @Inject(SERVICE_CONFIG) private readonly config: TelephonyConfig,
  ) {}

  async execute(cmd: OriginateCallV1, manager: EntityManager): Promise<OriginateOutcome> {
    const orgId = asOrgId(cmd.organizationId);
    const entity = await this.accounts.findOne(orgId, { id: cmd.providerAccountId.toLowerCase() });
    if (!(await this.claim(cmd, entity?.type ?? 'unknown'))) return 'duplicate';
    const account: ProviderAccountContext = entity
      ? this.contexts.toContext(entity)
      : { id: cmd.providerAccountId, organizationId: orgId, type: 'simulator', settings: {}, secrets: {}, operatorMap: {}, webhookBaseUrl: '' };
    if (!entity) {
      await this.refuse(manager, account, cmd, { status: 'failed', reason: 'provider_error', fault: 'configuration', billable: false, providerCode: 'PROVIDER_ACCOUNT_NOT_FOUND' });
      return 'refused';
    }
    try {
      const res = await this.registry.get(account.type).originate(account, {
        callId: cmd.callId, attempt: cmd.attempt, from: cmd.from, to: cmd.to, agentId: cmd.agentId,
        operatorEndpoint: cmd.operatorLeg?.endpoint, operatorEmployeeId: employeeIdOf(account, cmd.operatorLeg?.userId), ringTimeoutSeconds: cmd.ringTimeoutSeconds, maxDurationSeconds: cmd.maxDurationSeconds, record: cmd.record,
      });
      await this.recordDialled(manager, account, cmd, res.providerCallId, res.legIds ?? []);
      return 'dialled';
    } catch (err) {
      this.logger.warn(`originate ${cmd.callId} failed: ${(err as Error).message}`);
      await this.refuse(manager, account, cmd, this.reasonFor(err));
      return 'refused';
    }
  }

  /** Autocommitted on purpose (not in the inbox transaction): it must be durable before we dial. */
  private async claim(cmd: OriginateCallV1, provider: string): Promise<boolean> {
    const deadline = cmd.ringTimeoutSeconds + this.config.RECONCILER_GRACE_SECONDS;
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO telephony_calls AS c (call_id, organization_id, provider_account_id, provider, direction, attempt, state, from_number, to_number, max_duration_seconds, deadline_at)
       VALUES ($1, $2, $3, $4, 'outbound', $5, 'dialing', $6, $7, $8, now() + make_interval(secs => $9))
       ON CONFLICT (call_id) DO UPDATE SET attempt = EXCLUDED.attempt, state = 'dialing', provider_call_id = NULL, ended_at = NULL, end_reason = NULL,
              deadline_at = EXCLUDED.deadline_at, last_fact_at = now()
        WHERE c.attempt < EXCLUDED.attempt AND c.ended_at IS NOT NULL AND c.organization_id = EXCLUDED.organization_id
       RETURNING call_id`,
      [cmd.callId, cmd.organizationId, cmd.providerAccountId, provider, cmd.attempt, cmd.from, cmd.to, cmd.maxDurationSeconds ?? null, deadline],
    );
    return rows.length > 0;
  }

  private async recordDialled(m: EntityManager, account: ProviderAccountContext, cmd: OriginateCallV1, providerCallId: string, legIds: string[]): Promise<void> {
    await m.query(
      `UPDATE telephony_calls SET provider_call_id = $2, state = CASE WHEN ${RANK_SQL('state')} < 1 THEN 'initiated' ELSE state END, last_fact_at = now()
        WHERE call_id = $1`,
      [cmd.callId, providerCallId],
    );
    const refs = [[providerCallId, 'call'], ...legIds.map((l) => [l, 'leg'])];
    await m.query(
      `INSERT INTO provider_call_refs (provider_account_id, provider_ref, ref_kind, call_id, organization_id)
       SELECT $1, ref, kind, $2, $3 FROM unnest($4::text[], $5::text[]) AS x(ref, kind) ON CONFLICT DO NOTHING`,
      [account.id, cmd.callId, account.organizationId, refs.map((r) => r[0]), refs.map((r) => r[1])],
    );
    const data = { organizationId: account.organizationId, callId: cmd.callId, providerAccountId: account.id, provider: account.type, providerCallId, attempt: cmd.attempt };
    await this.publisher.publish({ type: this.subjects.of('CallInitiated'), data, orgid: account.organizationId, subject: cmd.callId }, { manager: m });
  }

  private reasonFor(err: unknown): EndReason {
    if (err instanceof ProviderRejectedError) {
      const code = err.reason ?? endReasonCodeForProviderCode(err.providerCode) ?? 'provider_error';
      return endReasonFor(code, { providerCode: err.providerCode, sipCause: err.sipCause });
    }
    return endReasonFor('provider_error', { providerCode: 'PROVIDER_UNAVAILABLE' });
  }

  private async refuse(m: EntityManager, account: ProviderAccountContext, cmd: OriginateCallV1, endReason: EndReason): Promise<void> {
    await closeCall(m, this.publisher, this.subjects, { account, callId: cmd.callId, providerCallId: null, direction: 'outbound', endReason });
  }
}

/** The provider's employee id of a Santral operator, from the account's operator map (G4). */
function employeeIdOf(account: ProviderAccountContext, userId: string | undefined): string | undefined {
  if (!userId) return undefined;
  return Object.entries(account.operatorMap).find(([, user]) => user === userId)?.[0];
}
