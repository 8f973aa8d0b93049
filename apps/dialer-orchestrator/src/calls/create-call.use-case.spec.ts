import { DIALING_PRECHECK_ORDER, type CreateCallRequest, type DialingErrorCode } from '@santral/contracts';
import type { EventPublisher } from '@santral/messaging';
import type { OrgId, Queryable } from '@santral/persistence';
import { InMemoryDnc, InMemoryHotlines, InMemoryIdempotentCommands, InMemoryPresence, ORG_A, organizationNumbers } from '../../test/fakes';
import { AgentCheck } from '../agents/agent.check';
import type { DialerAgent } from '../agents/agent';
import { AgentStore, type AgentFact } from '../agents/agent.store';
import { CreditReservations } from '../billing/credit-reservations';
import type { Dispatcher } from '../dispatch/dispatcher';
import { HotlineCheck } from '../hotlines/hotline.check';
import { OperatorCalls } from '../presence/operator-calls';
import { CallTaskRepository, type NewDirectTask } from '../tasks/call-task.repository';
import { CallRepository } from './call.repository';
import { CreateCallUseCase } from './create-call.use-case';
import { ProviderAccounts } from './provider-accounts';

const AGENT = '0190d000-0000-7000-8000-0000000000a1';
const OPERATOR = '0190d000-0000-7000-8000-0000000000b1';
const ACCOUNT = '0190d000-0000-7000-8000-0000000000c1';
const HOTLINE = '+902120000001';

class FakeAgents extends AgentStore {
  readonly rows = new Map<string, DialerAgent>();
  async apply(_o: OrgId, _f: AgentFact): Promise<void> {}
  async find(_o: OrgId, agentId: string): Promise<DialerAgent | null> {
    return this.rows.get(agentId) ?? null;
  }
}

class FakeCredits extends CreditReservations {
  ok = true;
  async mayStartCall(): Promise<boolean> {
    return this.ok;
  }
  async reserve() {
    return { ok: true as const };
  }
}

class FakeTasks extends CallTaskRepository {
  readonly added: NewDirectTask[] = [];
  override async addDirect(_db: Queryable, _o: OrgId, t: NewDirectTask): Promise<string> {
    this.added.push(t);
    return '0190d000-0000-7000-8000-0000000000f1';
  }
}

class FakeCalls extends CallRepository {
  readonly transitions: Array<{ callId: string; to: string; cause: string }> = [];
  constructor() {
    super(undefined as never);
  }
  override async transition(_db: Queryable, _o: OrgId, callId: string, _from: string | null, to: string, cause: string): Promise<void> {
    this.transitions.push({ callId, to, cause });
  }
}

function setup() {
  const agents = new FakeAgents();
  agents.rows.set(AGENT, { agentId: AGENT, name: 'Ada', active: true, complete: true, missingFields: [], deleted: false });
  const hotlines = new InMemoryHotlines();
  const presence = new InMemoryPresence();
  const dnc = new InMemoryDnc();
  const credits = new FakeCredits();
  const tasks = new FakeTasks();
  const calls = new FakeCalls();
  const published: Array<{ subject: string; data: unknown }> = [];
  const publisher = { publish: async (subject: string, data: unknown) => void published.push({ subject, data }) } as unknown as EventPublisher;
  let woken = 0;
  const dispatcher = { wake: () => void woken++ } as unknown as Dispatcher;
  const accounts = { account: ACCOUNT as string | null };
  const providerAccounts = new (class extends ProviderAccounts {
    async defaultFor() {
      return accounts.account;
    }
  })();
  const commands = new InMemoryIdempotentCommands();
  const useCase = new CreateCallUseCase(
    commands, credits, new AgentCheck(agents), new HotlineCheck(hotlines), hotlines, organizationNumbers({ [ORG_A]: { defaultCountry: 'TR' } }),
    dnc, new OperatorCalls(presence), providerAccounts, tasks, calls, publisher, dispatcher,
  );
  const addHotline = (number: string, outboundAllowed = true) =>
    hotlines.addIfNumberFree(ORG_A, { id: `0190d000-0000-7000-8000-${String(hotlines.rows.length + 1).padStart(12, '0')}`, organizationId: ORG_A, number, label: 'main', outboundAllowed, allowedGroups: [] });
  const nothingStored = () => {
    expect(tasks.added).toEqual([]);
    expect(published).toEqual([]);
    expect(calls.transitions).toEqual([]);
  };
  return { useCase, agents, hotlines, presence, dnc, credits, tasks, calls, published, accounts, addHotline, nothingStored, woken: () => woken };
}

const single = (extra: Partial<CreateCallRequest> = {}): CreateCallRequest => ({ organizationId: ORG_A, kind: 'single', to: '0555 123 45 67', agentId: AGENT, ...extra });

describe('CreateCallUseCase (E4 pre-dial checks, then the queued call)', () => {
  it('queues a single call from the first hotline that may call out: the task with its plan, the queued transition and event, the dispatcher woken', async () => {
    const s = setup();
    await s.addHotline('+902120000009', false);
    await s.addHotline(HOTLINE);
    const reply = await s.useCase.execute(single());
    expect(reply).toEqual({ callId: expect.stringMatching(/^[0-9a-f-]{36}$/), state: 'queued' });
    expect(s.tasks.added).toEqual([
      expect.objectContaining({ kind: 'single', callId: reply.callId, to: '+905551234567', agentId: AGENT, plan: { fromNumber: HOTLINE, providerAccountId: ACCOUNT, ringTimeoutSeconds: 30, agentId: AGENT } }),
    ]);
    expect(s.calls.transitions).toEqual([{ callId: reply.callId, to: 'queued', cause: 'api' }]);
    expect(s.published).toEqual([{ subject: 'dialer.call.queued.v1', data: expect.objectContaining({ callId: reply.callId, state: 'queued', from: HOTLINE, to: '+905551234567' }) }]);
    expect(s.woken()).toBe(1);
  });

  it('a click-to-call takes the available operator for the call and carries their endpoint; a second one for them is refused', async () => {
    const s = setup();
    await s.addHotline(HOTLINE);
    await s.presence.put(ORG_A, { userId: OPERATOR, status: 'available', currentCallId: null, endpoint: 'sip:ayse@pbx.example.com' });
    const reply = await s.useCase.execute({ organizationId: ORG_A, kind: 'click_to_call', to: '05551234567', operatorUserId: OPERATOR });
    expect(s.tasks.added[0]).toMatchObject({ kind: 'click_to_call', operatorUserId: OPERATOR, operatorEndpoint: 'sip:ayse@pbx.example.com' });
    expect(await s.presence.find(ORG_A, OPERATOR)).toMatchObject({ status: 'busy', currentCallId: reply.callId });
    await expect(s.useCase.execute({ organizationId: ORG_A, kind: 'click_to_call', to: '05551234568', operatorUserId: OPERATOR })).rejects.toMatchObject({ code: 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL' });
    expect(s.tasks.added).toHaveLength(1);
  });

  it('refuses an operator without an endpoint, naming why', async () => {
    const s = setup();
    await s.addHotline(HOTLINE);
    await s.presence.put(ORG_A, { userId: OPERATOR, status: 'available', currentCallId: null });
    await expect(s.useCase.execute({ organizationId: ORG_A, kind: 'click_to_call', to: '05551234567', operatorUserId: OPERATOR })).rejects.toMatchObject({
      code: 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL', message: expect.stringMatching(/no endpoint/),
    });
    s.nothingStored();
  });

  it('replays the same call id for the same idempotency key and stores one task', async () => {
    const s = setup();
    await s.addHotline(HOTLINE);
    const first = await s.useCase.execute(single({ idempotencyKey: 'k1' }));
    const again = await s.useCase.execute(single({ idempotencyKey: 'k1' }));
    expect(again).toEqual(first);
    expect(s.tasks.added).toHaveLength(1);
  });

  it('answers a retry with the first answer even when its checks would now refuse (credit spent, operator busy with it)', async () => {
    const s = setup();
    await s.addHotline(HOTLINE);
    await s.presence.put(ORG_A, { userId: OPERATOR, status: 'available', currentCallId: null, endpoint: 'sip:ayse@pbx.example.com' });
    const first = await s.useCase.execute({ organizationId: ORG_A, kind: 'click_to_call', to: '0555 123 45 67', operatorUserId: OPERATOR, idempotencyKey: 'k2' });
    s.credits.ok = false;
    const again = await s.useCase.execute({ organizationId: ORG_A, kind: 'click_to_call', to: '0555 123 45 67', operatorUserId: OPERATOR, idempotencyKey: 'k2' });
    expect(again).toEqual(first);
    expect(s.tasks.added).toHaveLength(1);
    await expect(s.useCase.execute(single({ idempotencyKey: 'k3' }))).rejects.toMatchObject({ code: 'INSUFFICIENT_CREDITS' });
  });

  it('requires the agent of a single or test call and the operator of a click-to-call (VALIDATION_FAILED naming the field)', async () => {
    const s = setup();
    await expect(s.useCase.execute({ organizationId: ORG_A, kind: 'test', to: '05551234567' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', extra: { errors: [{ field: 'agentId' }] } });
    await expect(s.useCase.execute({ organizationId: ORG_A, kind: 'click_to_call', to: '05551234567' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', extra: { errors: [{ field: 'operatorUserId' }] } });
    s.nothingStored();
  });

  it('names the missing fields of an incomplete agent, and refuses an unknown, deleted or inactive one as AGENT_INACTIVE', async () => {
    const s = setup();
    await s.addHotline(HOTLINE);
    s.agents.rows.set(AGENT, { agentId: AGENT, name: 'Ada', active: true, complete: false, missingFields: ['systemInstruction', 'voice'], deleted: false });
    await expect(s.useCase.execute(single())).rejects.toMatchObject({ code: 'AGENT_INCOMPLETE', message: expect.stringMatching(/systemInstruction, voice/) });
    s.agents.rows.set(AGENT, { agentId: AGENT, name: 'Ada', active: true, complete: true, missingFields: [], deleted: true });
    await expect(s.useCase.execute(single())).rejects.toMatchObject({ code: 'AGENT_INACTIVE' });
    s.agents.rows.delete(AGENT);
    await expect(s.useCase.execute(single())).rejects.toMatchObject({ code: 'AGENT_INACTIVE' });
    s.nothingStored();
  });

  it('refuses without a provider account, storing nothing', async () => {
    const s = setup();
    await s.addHotline(HOTLINE);
    s.accounts.account = null;
    await expect(s.useCase.execute(single())).rejects.toMatchObject({ code: 'PROVIDER_ACCOUNT_NOT_FOUND' });
    s.nothingStored();
  });

  // Each E4 check made to fail together with every check after it: the first in DIALING_PRECHECK_ORDER is the answer.
  type Breaker = (s: ReturnType<typeof setup>, input: CreateCallRequest) => Promise<CreateCallRequest>;
  const breakers: Partial<Record<DialingErrorCode, Breaker>> = {
    INSUFFICIENT_CREDITS: async (s, i) => ((s.credits.ok = false), i),
    AGENT_INACTIVE: async (s, i) => (s.agents.rows.set(AGENT, { ...s.agents.rows.get(AGENT)!, active: false }), i),
    AGENT_INCOMPLETE: async (s, i) => (s.agents.rows.set(AGENT, { ...s.agents.rows.get(AGENT)!, complete: false, missingFields: ['voice'] }), i),
    FROM_NUMBER_NOT_FOUND: async (_s, i) => ({ ...i, from: '+902129999999' }),
    FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT: async (s, i) => (await s.addHotline('+902128888888', false), { ...i, from: i.from ?? '0212 888 88 88' }),
    INVALID_PHONE_NUMBER: async (_s, i) => ({ ...i, to: 'not a number' }),
    TO_NUMBER_NOT_ALLOWS_CALLOUT: async (s, i) => (await s.dnc.addMissing(ORG_A, ['+905551234567'], null, {} as never), i),
    AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL: async (s, i) => (await s.presence.put(ORG_A, { userId: OPERATOR, status: 'busy', currentCallId: null, endpoint: '+905550000000' }), i),
  };

  it('has a way to fail every check of the order', () => {
    expect(DIALING_PRECHECK_ORDER.filter((code) => !breakers[code])).toEqual([]);
  });

  it.each(DIALING_PRECHECK_ORDER.map((code, at) => [code, at] as const))('%s is reported before every later check, with nothing stored', async (code, at) => {
    const s = setup();
    await s.addHotline(HOTLINE);
    await s.presence.put(ORG_A, { userId: OPERATOR, status: 'available', currentCallId: null, endpoint: '+905550000000' });
    // A click-to-call with an agent named: every check applies.
    let input: CreateCallRequest = { organizationId: ORG_A, kind: 'click_to_call', to: '0555 123 45 67', agentId: AGENT, operatorUserId: OPERATOR };
    // FROM_NUMBER_NOT_FOUND and FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT both set `from`: the earlier one keeps its own.
    for (const later of [...DIALING_PRECHECK_ORDER.slice(at)].reverse()) input = await breakers[later]!(s, input);
    await expect(s.useCase.execute(input)).rejects.toMatchObject({ code });
    s.nothingStored();
    expect(await s.presence.find(ORG_A, OPERATOR)).toMatchObject({ currentCallId: null });
  });
});
