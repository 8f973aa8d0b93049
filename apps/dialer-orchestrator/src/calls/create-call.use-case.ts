import { Injectable } from '@nestjs/common';
import { DomainError, Rpc, Subjects, type CallAcceptedReply, type CreateCallRequest } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import { asOrgId, type OrgId } from '@santral/persistence';
import { IdempotentCommands } from '@santral/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { AgentCheck } from '../agents/agent.check';
import { CreditReservations } from '../billing/credit-reservations';
import { Dispatcher } from '../dispatch/dispatcher';
import { DncStore } from '../dnc/dnc.store';
import { HotlineCheck } from '../hotlines/hotline.check';
import { HotlineStore } from '../hotlines/hotline.store';
import { OperatorCalls } from '../presence/operator-calls';
import { OrganizationNumbers } from '../settings/organization-numbers';
import { CallTaskRepository } from '../tasks/call-task.repository';
import { CallRepository } from './call.repository';
import { ProviderAccounts } from './provider-accounts';

/** A direct call rings this long before it ends as no_answer (E3). */
const RING_TIMEOUT_SECONDS = 30;

/**
 * rpc.dialer.call.create — a single call, a test call or a click-to-call (E4, E6). The pre-dial
 * checks run in DIALING_PRECHECK_ORDER and the first that fails is the answer, with nothing stored,
 * dialled or reserved: credits, the agent, the caller number (the organization's first that may
 * call out when `from` is absent), the callee's number, the DNC list, then the operator (taken for
 * this call in the same transaction, so two calls cannot both have them). Then the direct task is
 * stored with its dial plan and the call id answered here, `dialer.call.queued.v1` written through
 * the outbox, and the dispatcher woken. Idempotent on `idempotencyKey` (a replay answers the same call id).
 */
@Injectable()
export class CreateCallUseCase {
  constructor(
    private readonly commands: IdempotentCommands,
    private readonly credits: CreditReservations,
    private readonly agents: AgentCheck,
    private readonly hotlines: HotlineCheck,
    private readonly hotlineStore: HotlineStore,
    private readonly numbers: OrganizationNumbers,
    private readonly dnc: DncStore,
    private readonly operators: OperatorCalls,
    private readonly providerAccounts: ProviderAccounts,
    private readonly tasks: CallTaskRepository,
    private readonly calls: CallRepository,
    private readonly publisher: EventPublisher,
    private readonly dispatcher: Dispatcher,
  ) {}

  async execute(input: CreateCallRequest): Promise<CallAcceptedReply> {
    const orgId = asOrgId(input.organizationId);
    assertParticipants(input);
    const prior = await this.commands.answered<CallAcceptedReply>(orgId, Rpc.Dialer.CallCreate, input.idempotencyKey);
    if (prior) return prior.result;
    // The checks that only read (and billing's answer) run before the transaction: it holds one
    // connection, never two, and never while it waits on another service.
    const numbers = await this.precheck(orgId, input);
    const providerAccountId = await this.providerAccounts.defaultFor(orgId);
    if (!providerAccountId) throw new DomainError('PROVIDER_ACCOUNT_NOT_FOUND', 'The organization has no provider account to place the call with');
    const reply = await this.commands.run(orgId, Rpc.Dialer.CallCreate, input.idempotencyKey, async (tx) => {
      const callId = uuidv7();
      // Last of E4, in the transaction that queues the call: the operator is held by it or refused.
      const operatorEndpoint = input.operatorUserId ? await this.operators.holdFor(orgId, input.operatorUserId, callId, tx) : undefined;
      const checked = { ...numbers, ...(operatorEndpoint ? { operatorEndpoint } : {}) };
      const agentId = input.agentId?.toLowerCase();
      const operatorUserId = input.operatorUserId?.toLowerCase();
      const taskId = await this.tasks.addDirect(tx, orgId, {
        kind: input.kind, callId, to: checked.to, timeZoneSource: 'organization_default',
        plan: { fromNumber: checked.from, providerAccountId, ringTimeoutSeconds: RING_TIMEOUT_SECONDS, ...(agentId ? { agentId } : {}) },
        ...(agentId ? { agentId } : {}),
        ...(operatorUserId ? { operatorUserId, operatorEndpoint: checked.operatorEndpoint } : {}),
        ...(input.customerId ? { customerId: input.customerId.toLowerCase() } : {}),
        ...(input.ticketId ? { ticketId: input.ticketId.toLowerCase() } : {}),
      });
      await this.calls.transition(tx, orgId, callId, null, 'queued', 'api');
      await this.publisher.publish(
        Subjects.Dialer.CallQueued,
        {
          organizationId: orgId, callId, attempt: 1, direction: 'outbound', kind: input.kind, state: 'queued', from: checked.from, to: checked.to, taskId,
          ...(agentId ? { agentId } : {}), ...(operatorUserId ? { operatorUserId } : {}), ...(input.ticketId ? { ticketId: input.ticketId.toLowerCase() } : {}),
        },
        { orgid: orgId, subject: callId, manager: tx },
      );
      return { callId, state: 'queued' as const };
    });
    // After the commit: the task is ready, and a free slot takes it now rather than at the next poll.
    this.dispatcher.wake();
    return reply;
  }

  /** E4 in its order up to the operator (held in the transaction); the normalized numbers when every check passes. */
  private async precheck(orgId: OrgId, input: CreateCallRequest): Promise<{ from: string; to: string }> {
    if (!(await this.credits.mayStartCall(orgId))) throw new DomainError('INSUFFICIENT_CREDITS', 'The organization does not have enough credit to start a call');
    if (input.agentId) await this.agents.assertMayTakeCalls(orgId, input.agentId);
    const from = await this.callerNumber(orgId, input.from);
    const [to] = await this.numbers.normalize(orgId, [input.to]);
    if (!to!.ok) throw new DomainError('INVALID_PHONE_NUMBER', to!.reason, { errors: [{ field: 'to', message: to!.reason }], phoneCode: to!.code });
    if (await this.dnc.isOnDnc(orgId, to!.e164)) throw new DomainError('TO_NUMBER_NOT_ALLOWS_CALLOUT', `${to!.e164} is on the do-not-call list`);
    return { from, to: to!.e164 };
  }

  /** The caller number as E.164: the one asked for (it must be the organization's and may call out), else its first that may. */
  private async callerNumber(orgId: OrgId, raw: string | undefined): Promise<string> {
    if (raw === undefined) {
      const first = await this.hotlineStore.firstCallingOut(orgId);
      if (!first) throw new DomainError('FROM_NUMBER_NOT_FOUND', 'The organization has no caller number that may call out');
      return first.number;
    }
    const [from] = await this.numbers.normalize(orgId, [raw]);
    // A number that cannot be read cannot be one of the organization's caller numbers.
    if (!from!.ok) throw new DomainError('FROM_NUMBER_NOT_FOUND', `${raw} is not a caller number of this organization`, { errors: [{ field: 'from', message: from!.reason }] });
    return (await this.hotlines.assertMayCallFrom(orgId, from!.e164)).number;
  }
}

/** Who takes part: a single or test call needs its AI agent, a click-to-call the operator whose phone rings first. */
function assertParticipants(input: CreateCallRequest): void {
  if (input.kind === 'click_to_call' && !input.operatorUserId) {
    throw DomainError.validation([{ field: 'operatorUserId', message: 'operatorUserId is required for a click_to_call' }]);
  }
  if (input.kind !== 'click_to_call' && !input.agentId) {
    throw DomainError.validation([{ field: 'agentId', message: `agentId is required for a ${input.kind} call` }]);
  }
}
