import { Inject, Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CALL_END_REASONS, isErrorCode, Subjects, type CallEndReason } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import { asOrgId, TransactionRunner, type OrgId, type Tx } from '@santral/persistence';
import { Clock, OrganizationSettingsRepository, SERVICE_CONFIG } from '@santral/service-kit';
import type { DialerConfig } from '../config';
import { isDomainError } from '@santral/contracts';
import { DncStore } from '../dnc/dnc.store';
import { isCallable, nextOpening } from '../domain';
import { HotlineCheck } from '../hotlines/hotline.check';
import { windowPolicyOf, zonesOf } from './contact-window';
import { CallRepository } from '../calls/call.repository';
import type { DialerOrganizationSettings } from '../settings/dialer-settings';
import { SlotLeases } from '../slots/slot-leases';
import { CallTaskRepository, type ReadyTask } from '../tasks/call-task.repository';

/**
 * One dispatch pass (issue 10 item 3): for each organization with free slots, claims as many ready
 * tasks of its active campaigns (SKIP LOCKED, so replicas never share one), leases a slot for each in the same transaction, and writes the call,
 * its first transition and `telephony.call.originate.v1` through the outbox — all or nothing, so a
 * replica killed mid-pass leaves no half-dispatched task and no lease without its call. A task whose
 * organization has no free slot stays ready. Returns how many calls it dispatched.
 */
/** What one pass reads once per organization. */
interface OrgPass {
  settings: DialerOrganizationSettings | undefined;
  /** Caller number → its refusal code (undefined: allowed). */
  callerRefusals: Map<string, string | undefined>;
}

/** Organizations a pass dispatches at once (each holds one pooled connection meanwhile). */
const PARALLEL_ORGANIZATIONS = 4;

@Injectable()
export class DispatchCallsUseCase {
  private readonly logger = new Logger(DispatchCallsUseCase.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly slots: SlotLeases,
    private readonly calls: CallRepository,
    private readonly tasks: CallTaskRepository,
    private readonly settings: OrganizationSettingsRepository,
    private readonly publisher: EventPublisher,
    private readonly dnc: DncStore,
    private readonly hotlines: HotlineCheck,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: DialerConfig,
  ) {}

  async execute(maxOrganizations = 100): Promise<number> {
    let dispatched = 0;
    // One small transaction per organization with free slots, a few at once: replicas work side by
    // side, and a busy organization never holds back the others.
    const queue = await this.slots.freeAcrossOrganizations(maxOrganizations);
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) dispatched += await this.dispatchOrganization(next.organizationId, next.free);
    };
    await Promise.all(Array.from({ length: PARALLEL_ORGANIZATIONS }, worker));
    if (dispatched) this.logger.debug(`dispatched ${dispatched} call(s)`);
    return dispatched;
  }

  private dispatchOrganization(orgId: OrgId, free: number): Promise<number> {
    return this.tx.run(async (tx) => {
      const tasks = await this.tasks.claimReady(tx, orgId, free);
      if (tasks.length === 0) return 0;
      // Read once per organization and pass: its capacity, and what its caller numbers allow.
      const stored = await this.settings.get<DialerOrganizationSettings>(orgId, tx);
      const org: OrgPass = { settings: stored?.settings, callerRefusals: new Map() };
      let n = 0;
      for (const task of tasks) {
        const outcome = await this.dispatch(tx, orgId, task, org);
        if (outcome === 'no_slot') break;
        if (outcome === 'dispatched') n++;
      }
      return n;
    });
  }

  /**
   * One task, in the order of issue 10 item 3: calling window in the contact's zones, then the pre-dial
   * checks (DNC, caller number), then a slot. `no_slot` stops this organization for the pass.
   */
  private async dispatch(tx: Tx, orgId: OrgId, task: ReadyTask, org: OrgPass): Promise<'dispatched' | 'no_slot' | 'postponed' | 'refused'> {
    const stored = org.settings ? { settings: org.settings } : null;
    const plan = task.plan;
    if (!stored || !plan?.providerAccountId || !plan.fromNumber) return 'no_slot';
    const now = this.clock.now();
    // A campaign's calls keep to its calling windows; a direct call (placed by a person or the API now) only to those it names.
    if (task.kind === 'campaign' || plan.callingWindows?.length) {
      const policy = windowPolicyOf(plan);
      const zones = zonesOf({ timeZone: task.time_zone, toNumber: task.to_number }, stored.settings.timeZone);
      if (!isCallable(policy, zones, now)) {
        const opens = nextOpening(policy, zones, now);
        if (!opens) {
          await this.finish(tx, orgId, task, 'failed', 'no_calling_window');
          return 'refused';
        }
        await this.tasks.scheduleAt(tx, orgId, task.id, opens, task.attempt === 0 ? 'pending' : 'retry_scheduled');
        return 'postponed';
      }
    }
    const refusal = await this.refusal(orgId, task.to_number, plan.fromNumber, org);
    if (refusal) {
      await this.finish(tx, orgId, task, 'blocked', refusal);
      return 'refused';
    }
    // A direct task's first attempt dials under the id its API caller was given.
    const callId = task.attempt === 0 && task.first_call_id ? task.first_call_id : uuidv7();
    const agentId = task.agent_id ?? plan.agentId;
    const capacity = { slots: stored.settings.concurrentSlots, reservedInbound: stored.settings.reservedInboundSlots };
    const slotNo = await this.slots.acquireNew(orgId, callId, 'outbound', capacity, plan.ringTimeoutSeconds * 1000 + this.config.LEASE_GRACE_MS, tx);
    if (slotNo === null) return 'no_slot';
    const attempt = task.attempt + 1;
    await this.tasks.markDialing(tx, orgId, task.id, attempt);
    await this.calls.insertDialing(tx, orgId, {
      callId, taskId: task.id, kind: task.kind, campaignId: task.campaign_id, attempt, to: task.to_number, from: plan.fromNumber, providerAccountId: plan.providerAccountId, slotNo,
      agentId: agentId ?? null, operatorUserId: task.operator_user_id,
    });
    const campaign = task.campaign_id ? { campaignId: task.campaign_id } : {};
    // The campaign's progress (D4) follows its contacts by this id.
    const contact = task.contact_id ? { contactId: task.contact_id } : {};
    const who = {
      ...(agentId ? { agentId } : {}),
      ...(task.operator_user_id ? { operatorUserId: task.operator_user_id } : {}),
    };
    // The command and the dialer's own fact in one statement.
    const meta = { orgid: orgId, subject: callId };
    await this.publisher.publishMany(
      [
        {
          ...meta,
          type: Subjects.Telephony.OriginateCall,
          data: {
            organizationId: orgId, callId, attempt, kind: task.kind, providerAccountId: plan.providerAccountId, from: plan.fromNumber, to: task.to_number,
            ...(agentId ? { agentId } : {}), ...campaign, ringTimeoutSeconds: plan.ringTimeoutSeconds, record: true,
            ...(plan.maxCallSeconds ? { maxDurationSeconds: plan.maxCallSeconds } : {}),
            // Click-to-call (E6): the operator's phone rings first, then the customer's.
            ...(task.operator_user_id && task.operator_endpoint ? { operatorLeg: { userId: task.operator_user_id, endpoint: task.operator_endpoint } } : {}),
            ...(Object.keys(task.variables).length ? { variables: task.variables } : {}),
          },
        },
        {
          ...meta,
          type: Subjects.Dialer.CallDialing,
          data: {
            organizationId: orgId, callId, attempt, direction: 'outbound', kind: task.kind, state: 'dialing', from: plan.fromNumber, to: task.to_number,
            taskId: task.id, ...campaign, ...contact, ...who, providerAccountId: plan.providerAccountId,
          },
        },
      ],
      { manager: tx },
    );
    return 'dispatched';
  }

  /** A task that will not be dialled: stored, and `dialer.task.finished.v1` with the named code. */
  private async finish(tx: Tx, orgId: OrgId, task: ReadyTask, outcome: 'failed' | 'blocked', reason: string): Promise<void> {
    await this.tasks.markFinished(tx, orgId, task.id, outcome, reason);
    const named = isErrorCode(reason) ? { errorCode: reason } : (CALL_END_REASONS as readonly string[]).includes(reason) ? { lastEndReason: reason as CallEndReason } : {};
    await this.publisher.publish(
      Subjects.Dialer.TaskFinished,
      { organizationId: orgId, taskId: task.id, kind: task.kind, ...(task.campaign_id ? { campaignId: task.campaign_id } : {}), ...(task.contact_id ? { contactId: task.contact_id } : {}), outcome, attempts: task.attempt, ...named },
      { orgid: orgId, subject: task.id, manager: tx },
    );
  }

  /** E4's pre-dial refusals that apply to a campaign call, with their named codes; nothing is dialled or reserved. */
  private async refusal(orgId: OrgId, to: string, from: string, org: OrgPass): Promise<string | undefined> {
    if (await this.dnc.isOnDnc(orgId, to)) return 'dnc_blocked';
    if (!org.callerRefusals.has(from)) org.callerRefusals.set(from, await this.callerRefusal(orgId, from));
    return org.callerRefusals.get(from);
  }

  private async callerRefusal(orgId: OrgId, from: string): Promise<string | undefined> {
    try {
      await this.hotlines.assertMayCallFrom(orgId, from);
      return undefined;
    } catch (err) {
      if (isDomainError(err)) return err.code;
      throw err;
    }
  }
}
