import type { EventPublisher, OutgoingEvent } from '@santral/messaging';
import type { OrgId, Queryable } from '@santral/persistence';
import { FakeTransactions } from '@santral/testing';
import { InMemoryPresence, ORG_A, ORG_B, organizationNumbers } from '../../test/fakes';
import { OperatorCalls } from '../presence/operator-calls';
import { CallRepository } from './call.repository';
import { CallViewsRepository, type CallView, type QueuedCall } from './call-views.repository';
import { HangupCallUseCase } from './hangup-call.use-case';
import { TransferCallUseCase } from './transfer-call.use-case';

const CALL = '0190e000-0000-7000-8000-0000000000c1';
const QUEUED = '0190e000-0000-7000-8000-0000000000c2';
const TASK = '0190e000-0000-7000-8000-0000000000d2';
const OPERATOR = '0190e000-0000-7000-8000-0000000000e1';

/** Dialled calls by (organization, id) with their state; transitions recorded. */
class FakeCalls extends CallRepository {
  readonly states = new Map<string, string>();
  readonly transitions: Array<{ callId: string; from: string | null; to: string; cause: string }> = [];
  constructor() {
    super(undefined as never);
  }
  override async lockState(_db: Queryable, orgId: OrgId, callId: string): Promise<string | null> {
    return this.states.get(`${orgId}|${callId}`) ?? null;
  }
  override async transition(_db: Queryable, _o: OrgId, callId: string, from: string | null, to: string, cause: string): Promise<void> {
    this.transitions.push({ callId, from, to, cause });
  }
}

class FakeViews extends CallViewsRepository {
  readonly queued = new Map<string, QueuedCall>();
  readonly cancelled: string[] = [];
  constructor(private readonly calls: FakeCalls) {
    super(undefined as never);
  }
  override async lockQueued(_db: Queryable, orgId: OrgId, callId: string): Promise<QueuedCall | null> {
    return this.queued.get(`${orgId}|${callId}`) ?? null;
  }
  override async cancelQueued(_db: Queryable, orgId: OrgId, taskId: string): Promise<void> {
    this.cancelled.push(taskId);
    for (const [k, q] of this.queued) if (k.startsWith(orgId) && q.taskId === taskId) q.taskState = 'cancelled';
  }
  override async get(orgId: OrgId, callId: string): Promise<CallView | null> {
    return this.calls.states.has(`${orgId}|${callId}`) || this.queued.has(`${orgId}|${callId}`) ? ({ callId } as CallView) : null;
  }
}

function setup() {
  const calls = new FakeCalls();
  const views = new FakeViews(calls);
  const presence = new InMemoryPresence();
  const published: OutgoingEvent[] = [];
  const publisher = {
    publish: async (type: string, data: unknown, meta: object) => void published.push({ ...meta, type, data } as OutgoingEvent),
    publishMany: async (events: OutgoingEvent[]) => void published.push(...events),
  } as unknown as EventPublisher;
  const tx = new FakeTransactions();
  const numbers = organizationNumbers({ [ORG_A]: { defaultCountry: 'TR' } });
  return {
    calls, views, presence, published,
    hangup: new HangupCallUseCase(tx, calls, views, new OperatorCalls(presence), publisher),
    transfer: new TransferCallUseCase(tx, calls, views, numbers, publisher),
  };
}

describe('hangup and transfer (E7, call control)', () => {
  it.each([['dialing', 'cancelled_by_user'], ['ringing', 'cancelled_by_user'], ['in_progress', 'operator_hung_up'], ['forwarding', 'operator_hung_up']])(
    'hangs up a %s call at the provider (%s); the call ends when telephony says so',
    async (state, reason) => {
      const s = setup();
      s.calls.states.set(`${ORG_A}|${CALL}`, state);
      await expect(s.hangup.execute({ organizationId: ORG_A, callId: CALL })).resolves.toEqual({ callId: CALL, state });
      expect(s.published).toEqual([expect.objectContaining({ type: 'telephony.call.hangup.v1', data: { organizationId: ORG_A, callId: CALL, reason } })]);
      expect(s.calls.transitions).toEqual([]);
    },
  );

  it.each(['ended', 'failed', 'no_answer', 'busy', 'cancelled'])('answers CALL_ALREADY_ENDED for a call that is %s, publishing nothing', async (state) => {
    const s = setup();
    s.calls.states.set(`${ORG_A}|${CALL}`, state);
    await expect(s.hangup.execute({ organizationId: ORG_A, callId: CALL })).rejects.toMatchObject({ code: 'CALL_ALREADY_ENDED' });
    expect(s.published).toEqual([]);
  });

  it('cancels a queued call at once: its task, the queued → cancelled transition, its one end and its task outcome, the operator freed', async () => {
    const s = setup();
    s.views.queued.set(`${ORG_A}|${QUEUED}`, { taskId: TASK, kind: 'click_to_call', taskState: 'pending', to: '+905551230005', from: '+902125550000', agentId: null, operatorUserId: OPERATOR, ticketId: null, sourceCallId: null });
    await s.presence.put(ORG_A, { userId: OPERATOR, status: 'busy', currentCallId: QUEUED });
    await expect(s.hangup.execute({ organizationId: ORG_A, callId: QUEUED })).resolves.toEqual({ callId: QUEUED, state: 'cancelled' });
    expect(s.views.cancelled).toEqual([TASK]);
    expect(s.calls.transitions).toEqual([{ callId: QUEUED, from: 'queued', to: 'cancelled', cause: 'api:hangup' }]);
    expect(s.published.map((e) => e.type)).toEqual(['dialer.call.ended.v1', 'dialer.task.finished.v1']);
    expect(s.published[0]!.data).toMatchObject({ state: 'cancelled', previousState: 'queued', endReason: { reason: 'cancelled_by_user', billable: false }, operatorUserId: OPERATOR });
    expect(await s.presence.find(ORG_A, OPERATOR)).toMatchObject({ status: 'available', currentCallId: null });
    await expect(s.hangup.execute({ organizationId: ORG_A, callId: QUEUED })).rejects.toMatchObject({ code: 'CALL_ALREADY_ENDED' });
  });

  it("is CALL_NOT_FOUND for an unknown call or another organization's", async () => {
    const s = setup();
    s.calls.states.set(`${ORG_A}|${CALL}`, 'in_progress');
    await expect(s.hangup.execute({ organizationId: ORG_B, callId: CALL })).rejects.toMatchObject({ code: 'CALL_NOT_FOUND' });
    await expect(s.transfer.execute({ organizationId: ORG_B, callId: CALL, target: '+905551234567' })).rejects.toMatchObject({ code: 'CALL_NOT_FOUND' });
    expect(s.published).toEqual([]);
  });

  it('transfers only a call in progress (CALL_NOT_IN_PROGRESS otherwise, a queued one too)', async () => {
    const s = setup();
    s.views.queued.set(`${ORG_A}|${QUEUED}`, { taskId: TASK, kind: 'single', taskState: 'pending', to: '+905551230005', from: null, agentId: null, operatorUserId: null, ticketId: null, sourceCallId: null });
    await expect(s.transfer.execute({ organizationId: ORG_A, callId: QUEUED, target: '+905551234567' })).rejects.toMatchObject({ code: 'CALL_NOT_IN_PROGRESS' });
    for (const state of ['dialing', 'ringing', 'forwarding', 'ended']) {
      s.calls.states.set(`${ORG_A}|${CALL}`, state);
      await expect(s.transfer.execute({ organizationId: ORG_A, callId: CALL, target: '+905551234567' })).rejects.toMatchObject({ code: 'CALL_NOT_IN_PROGRESS' });
    }
    expect(s.published).toEqual([]);
  });

  it.each([
    ['0555 123 45 67', '+905551234567'],
    ['+44 20 7946 0958', '+442079460958'],
    ['sip:100@pbx.example.com', 'sip:100@pbx.example.com'],
    [' sips:desk@pbx.example.com ', 'sips:desk@pbx.example.com'],
  ])('transfers to %s as %s', async (raw, target) => {
    const s = setup();
    s.calls.states.set(`${ORG_A}|${CALL}`, 'in_progress');
    await expect(s.transfer.execute({ organizationId: ORG_A, callId: CALL, target: raw })).resolves.toEqual({ callId: CALL, state: 'in_progress' });
    expect(s.published).toEqual([expect.objectContaining({ type: 'telephony.call.transfer.v1', data: { organizationId: ORG_A, callId: CALL, target } })]);
  });

  it.each(['sip:nohost', 'sip:a b@host', '12', 'not a number', 'http://example.com'])('refuses the transfer target %j (INVALID_TRANSFER_TARGET naming the field)', async (raw) => {
    const s = setup();
    s.calls.states.set(`${ORG_A}|${CALL}`, 'in_progress');
    await expect(s.transfer.execute({ organizationId: ORG_A, callId: CALL, target: raw })).rejects.toMatchObject({ code: 'INVALID_TRANSFER_TARGET', extra: { errors: [{ field: 'target' }] } });
    expect(s.published).toEqual([]);
  });
});
