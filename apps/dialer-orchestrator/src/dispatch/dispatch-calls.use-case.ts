import { Inject, Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CALL_END_REASONS, isErrorCode, Subjects, type CallEndReason } from '@santral/contracts';
import { EventPublisher, type OutgoingEvent } from '@santral/messaging';
import { asOrgId, TransactionRunner, type OrgId, type Tx } from '@santral/persistence';
import { Clock, SERVICE_CONFIG } from '@santral/service-kit';
import type { DialerConfig } from '../config';
import { CreditReservations } from '../billing/credit-reservations';
import { isCallable, nextOpening } from '../domain';
import { hotlineRefusal } from '../hotlines/hotline';
import { hourOfCalls, type HourOfCalls } from '../pacing/call-history';
import { PassPacer } from '../pacing/pass-pacer';
import { OperatorCalls } from '../presence/operator-calls';
import { windowPolicyOf, zonesOf } from './contact-window';
import { CallRepository } from '../calls/call.repository';
import type { DialerOrganizationSettings } from '../settings/dialer-settings';
import { SlotLeases } from '../slots/slot-leases';
import { CallTaskRepository, type ReadyTask } from '../tasks/call-task.repository';

/** What one pass reads once per organization (in its first statement). */
interface OrgPass {
  settings: DialerOrganizationSettings | undefined;
  /** The claimed numbers on the organization's DNC list. */
  dncListed: Set<string>;
  /** Caller number → its refusal code (undefined: allowed). */
  callerRefusals: Map<string, string | undefined>;
}

/** What one pass did: calls dispatched, and organizations it left because another pass held them. */
export interface DispatchPass {
  dispatched: number;
  busy: number;
}

/** Organizations a pass dispatches at once (each holds one pooled connection meanwhile). */
const PARALLEL_ORGANIZATIONS = 4;

/**
 * One dispatch pass (issue 10 item 3): for each organization with free slots, claims as many ready
 * tasks of its active campaigns (SKIP LOCKED, so replicas never share one) and, in DESIGN §7's order,
 * keeps each to its calling window, then to pacing (the calls-per-hour caps, the per-recipient
 * frequency cap, the provider account's calls-per-second bucket), then the pre-dial checks, a slot
 * lease and the credit reservation; then writes the call, its first transition and
 * `telephony.call.originate.v1` through the outbox — all in one transaction per organization, so a
 * replica killed mid-pass leaves no half-dispatched task and no lease without its call. A task held
 * back stays ready (or is ready again when its cap allows). Returns how many calls it dispatched.
 *
 * The credit reservation (billing's request/reply) is made inside that transaction: a rollback
 * after it leaves a pending reservation that billing's expiry releases, and the reservation is
 * idempotent on call id + attempt, so a redelivered request never holds credit twice.
 */
@Injectable()
export class DispatchCallsUseCase {
  private readonly logger = new Logger(DispatchCallsUseCase.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly slots: SlotLeases,
    private readonly calls: CallRepository,
    private readonly tasks: CallTaskRepository,
    private readonly publisher: EventPublisher,
    private readonly clock: Clock,
    private readonly pacer: PassPacer,
    private readonly credits: CreditReservations,
    @Inject(SERVICE_CONFIG) private readonly config: DialerConfig,
    private readonly operators: OperatorCalls,
  ) {}

  async execute(maxOrganizations = 100): Promise<DispatchPass> {
    let dispatched = 0;
    let busy = 0;
    // One small transaction per organization with free slots, a few at once: replicas work side by
    // side, and a busy organization never holds back the others.
    const queue = await this.slots.freeAcrossOrganizations(maxOrganizations);
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const n = await this.dispatchOrganization(next.organizationId, next.free);
        if (n === null) busy++;
        else dispatched += n;
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_ORGANIZATIONS }, worker));
    if (dispatched) this.logger.debug(`dispatched ${dispatched} call(s)`);
    return { dispatched, busy };
  }

  /** Null when another pass (this replica's or another's) is dispatching the organization right now. */
  private dispatchOrganization(orgId: OrgId, free: number): Promise<number | null> {
    return this.tx.run(async (tx) => {
      // One pass per organization at a time, across replicas: two would wait on each other's slot
      // rows (measured: the slot insert then took 9 ms on average, 68 % of the dialer's Postgres time).
      // The lock, the claim, and what the pass checks the tasks against (settings, the hour's calls,
      // DNC, caller numbers) in one statement.
      const pass = await this.tasks.claimForPass<DialerOrganizationSettings>(tx, orgId, free);
      if (!pass.locked) return null;
      const { tasks, settings } = pass;
      if (tasks.length === 0 || !settings) return 0;
      const hotlines = new Map(pass.hotlines.map((h) => [h.number, h]));
      // E4's caller-number check, in its order (FROM_NUMBER_NOT_FOUND, then FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT); no user groups: the dispatcher's calls.
      const callerRefusals = new Map([...new Set(tasks.map((t) => t.plan?.fromNumber).filter((f): f is string => !!f))].map((f) => [f, hotlineRefusal(hotlines.get(f) ?? null, undefined) ?? undefined]));
      const org: OrgPass = { settings, dncListed: new Set(pass.dncListed), callerRefusals };
      const admitted = await this.admit(tx, orgId, tasks, settings, hourOfCalls(pass.hour));
      // Taken and given back in statements of their own: the bucket's row is never locked for this transaction.
      const tokens = await this.pacer.takeTokens(orgId, admitted);
      const chosen: ReadyTask[] = [];
      for (const task of admitted) {
        const held = tokens.get(task.plan.providerAccountId!)!;
        if (held.left === 0) continue; // the account's calls per second are spent: ready for the next pass
        held.left--;
        chosen.push(task);
      }
      const dispatched = await this.dispatchAll(tx, orgId, chosen, org);
      // A token taken for a task that was not dialled goes back to its bucket.
      for (const task of chosen) if (!dispatched.has(task.id)) tokens.get(task.plan.providerAccountId!)!.left++;
      await this.pacer.giveBack(tokens);
      return dispatched.size;
    });
  }

  /**
   * The tasks of this pass that may be dialled now: inside their calling window in the contact's
   * zones, under the calls-per-hour caps and the number's frequency cap. A task outside its window
   * or over a campaign or frequency cap is ready again when that allows; the organization's own cap
   * stops the organization for the pass.
   */
  private async admit(tx: Tx, orgId: OrgId, tasks: readonly ReadyTask[], settings: DialerOrganizationSettings, hour: HourOfCalls): Promise<ReadyTask[]> {
    const now = this.clock.now();
    const pacing = await this.pacer.start(tx, orgId, tasks, settings.callsPerHour, now, hour);
    const admitted: ReadyTask[] = [];
    for (const task of tasks) {
      const plan = task.plan;
      if (!plan?.providerAccountId || !plan.fromNumber) break;
      if (!(await this.withinWindow(tx, orgId, task, settings, now))) continue;
      const a = pacing.admit({
        campaignId: task.campaign_id, toNumber: task.to_number, callsPerHour: plan.callsPerHour, frequencyCap: plan.retryPolicy?.frequencyCap,
      });
      if (a.kind === 'org_cap') break;
      if (a.kind === 'defer') await this.tasks.scheduleAt(tx, orgId, task.id, a.at, task.attempt === 0 ? 'pending' : 'retry_scheduled');
      else admitted.push(task);
    }
    return admitted;
  }

  /** A campaign's calls keep to its calling windows; a direct call (placed by a person or the API now) only to those it names. */
  private async withinWindow(tx: Tx, orgId: OrgId, task: ReadyTask, settings: DialerOrganizationSettings, now: Date): Promise<boolean> {
    const plan = task.plan;
    if (task.kind !== 'campaign' && !plan.callingWindows?.length) return true;
    const policy = windowPolicyOf(plan);
    const zones = zonesOf({ timeZone: task.time_zone, toNumber: task.to_number }, settings.timeZone);
    if (isCallable(policy, zones, now)) return true;
    const opens = nextOpening(policy, zones, now);
    if (opens) await this.tasks.scheduleAt(tx, orgId, task.id, opens, task.attempt === 0 ? 'pending' : 'retry_scheduled', now);
    else await this.finish(tx, orgId, task, 'failed', 'no_calling_window');
    return false;
  }

  /**
   * The admitted tasks of one pass, set-based (a few statements per pass, not per call): the
   * pre-dial checks (DNC, caller number) in their order, then a slot for each in turn until none is
   * free, then the credit reservations; then the tasks, calls and first transitions, and every
   * call's `telephony.call.originate.v1` and `dialer.call.dialing.v1` in one outbox statement.
   * Returns the ids of the tasks dialled; the others stay ready (no slot, no credit) or finished
   * (refused).
   */
  private async dispatchAll(tx: Tx, orgId: OrgId, tasks: readonly ReadyTask[], org: OrgPass): Promise<Set<string>> {
    const dialled = new Set<string>();
    if (tasks.length === 0) return dialled;
    const settings = org.settings!;
    const callable: Array<{ task: ReadyTask; callId: string; attempt: number }> = [];
    for (const task of tasks) {
      const refusal = org.dncListed.has(task.to_number) ? 'dnc_blocked' : org.callerRefusals.get(task.plan.fromNumber!);
      if (refusal) await this.finish(tx, orgId, task, 'blocked', refusal);
      // A direct task's first attempt dials under the id its API caller was given.
      else callable.push({ task, callId: task.attempt === 0 && task.first_call_id ? task.first_call_id : uuidv7(), attempt: task.attempt + 1 });
    }
    const capacity = { slots: settings.concurrentSlots, reservedInbound: settings.reservedInboundSlots };
    const slots = await this.slots.acquireNewMany(
      orgId, callable.map((c) => ({ callId: c.callId, ttlMs: c.task.plan.ringTimeoutSeconds * 1000 + this.config.LEASE_GRACE_MS })), 'outbound', capacity, tx,
    );
    const slotted = callable.filter((c) => slots.has(c.callId));
    // Billing's answers are awaited together; a refused one frees its slot, and its task stays pending
    // (billing's exhausted event pauses the campaign).
    const credits = await Promise.all(
      slotted.map((c) => this.credits.reserve({ organizationId: orgId, callId: c.callId, attempt: c.attempt, estimatedSeconds: c.task.plan.maxCallSeconds ?? this.config.RESERVATION_DEFAULT_SECONDS })),
    );
    const go: Array<{ task: ReadyTask; callId: string; attempt: number; slotNo: number; reservationId?: string }> = [];
    for (const [i, c] of slotted.entries()) {
      const credit = credits[i]!;
      if (credit.ok) go.push({ ...c, slotNo: slots.get(c.callId)!, ...(credit.reservationId ? { reservationId: credit.reservationId } : {}) });
      else await this.slots.release(orgId, c.callId, tx);
    }
    if (go.length === 0) return dialled;
    // The tasks marked dialling, their calls and first transitions: one statement.
    await this.calls.insertDialingMany(
      tx,
      orgId,
      go.map(({ task, callId, attempt, slotNo, reservationId }) => ({
        callId, taskId: task.id, kind: task.kind, campaignId: task.campaign_id, attempt, to: task.to_number, from: task.plan.fromNumber!, providerAccountId: task.plan.providerAccountId!, slotNo,
        agentId: task.agent_id ?? task.plan.agentId ?? null, operatorUserId: task.operator_user_id, reservationId: reservationId ?? null,
        ringTimeoutSeconds: task.plan.ringTimeoutSeconds, maxCallSeconds: task.plan.maxCallSeconds ?? null,
      })),
    );
    // Click-to-call (E6, E8): the operator is busy with the call being dialled (see OperatorCalls).
    for (const c of go) if (c.task.operator_user_id) await this.operators.markDialling(orgId, c.task.operator_user_id, c.callId, tx);
    await this.publisher.publishMany(go.flatMap((c) => this.dialEvents(orgId, c)), { manager: tx });
    for (const c of go) dialled.add(c.task.id);
    return dialled;
  }

  /** The command that dials the call and the dialer's own fact that it is dialling. */
  private dialEvents(orgId: OrgId, c: { task: ReadyTask; callId: string; attempt: number; reservationId?: string }): OutgoingEvent[] {
    const { task, callId, attempt } = c;
    const plan = task.plan;
    // Admitted only with both (see `admit`).
    const providerAccountId = plan.providerAccountId!;
    const from = plan.fromNumber!;
    const agentId = task.agent_id ?? plan.agentId;
    const campaign = task.campaign_id ? { campaignId: task.campaign_id } : {};
    // The campaign's progress (D4) follows its contacts by this id.
    const contact = task.contact_id ? { contactId: task.contact_id } : {};
    const who = { ...(agentId ? { agentId } : {}), ...(task.operator_user_id ? { operatorUserId: task.operator_user_id } : {}) };
    const meta = { orgid: orgId, subject: callId };
    return [
      {
        ...meta,
        type: Subjects.Telephony.OriginateCall,
        data: {
          organizationId: orgId, callId, attempt, kind: task.kind, providerAccountId, from, to: task.to_number,
          ...(agentId ? { agentId } : {}), ...campaign, ...(c.reservationId ? { reservationId: c.reservationId } : {}), ringTimeoutSeconds: plan.ringTimeoutSeconds, record: true,
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
          organizationId: orgId, callId, attempt, direction: 'outbound', kind: task.kind, state: 'dialing', from, to: task.to_number,
          taskId: task.id, ...campaign, ...contact, ...who, providerAccountId,
        },
      },
    ];
  }

  /** A task that will not be dialled: stored, and `dialer.task.finished.v1` with the named code. */
  private async finish(tx: Tx, orgId: OrgId, task: ReadyTask, outcome: 'failed' | 'blocked', reason: string): Promise<void> {
    await this.tasks.markFinished(tx, orgId, task.id, outcome, reason);
    const named = isErrorCode(reason) ? { errorCode: reason } : (CALL_END_REASONS as readonly string[]).includes(reason) ? { lastEndReason: reason as CallEndReason } : {};
    await this.publisher.publish(
      Subjects.Dialer.TaskFinished,
      { organizationId: orgId, taskId: task.id, kind: task.kind, ...(task.campaign_id ? { campaignId: task.campaign_id } : {}), ...(task.contact_id ? { contactId: task.contact_id } : {}),
        ...(task.source_call_id ? { sourceCallId: task.source_call_id } : {}), outcome, attempts: task.attempt, ...named },
      { orgid: orgId, subject: task.id, manager: tx },
    );
  }
}
