import { FakeClock } from '@santral/testing';
import { InMemoryAgents, InMemoryIdempotentCommands, ORG_A, ORG_B, RecordingAgentEvents } from '../../test/fakes';
import { CreateAgentUseCase } from './create-agent.use-case';
import { DeleteAgentUseCase } from './delete-agent.use-case';
import { GetAgentUseCase } from './get-agent.use-case';
import { UpdateAgentUseCase } from './update-agent.use-case';

describe('agent use cases', () => {
  const setup = () => {
    const agents = new InMemoryAgents();
    const events = new RecordingAgentEvents();
    const commands = new InMemoryIdempotentCommands();
    const clock = new FakeClock();
    return {
      agents, events, commands, clock,
      create: new CreateAgentUseCase(agents, events, commands, clock),
      update: new UpdateAgentUseCase(agents, events, commands, clock),
      remove: new DeleteAgentUseCase(agents, events, commands),
      get: new GetAgentUseCase(agents),
    };
  };

  it('creates with defaults, computes completeness, and writes the row and its event in one transaction', async () => {
    const { create, agents, events, commands } = setup();
    const reply = await create.execute({ organizationId: ORG_A, name: ' Randevu ', language: 'TR-tr' });
    expect(reply).toMatchObject({ name: 'Randevu', active: true, firstMessageMode: 'agent_first', responseTimeoutSeconds: 30, language: 'tr-TR', complete: false, missingFields: ['greetingMessage', 'systemInstruction', 'voice'] });
    expect(agents.rows).toHaveLength(1);
    expect(events.events.map((e) => [e.type, e.tx])).toEqual([['created', commands.transactions.tx]]);
    expect(agents.txs).toEqual([commands.transactions.tx]);
  });

  it('refuses an agent without a name, or with an unknown variable, and writes nothing', async () => {
    const { create, agents, events } = setup();
    await expect(create.execute({ organizationId: ORG_A, name: '  ' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', extra: { errors: [{ field: 'name' }] } });
    await expect(create.execute({ organizationId: ORG_A, name: 'x', greetingMessage: 'Hi {{musteri_no}}' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', extra: { errors: [{ field: 'greetingMessage' }] } });
    await expect(create.execute({ organizationId: ORG_A, name: 'x', greetingMessage: 'Hi {{musteri_no}}', variables: ['musteri_no'] })).resolves.toMatchObject({ variables: ['musteri_no'] });
    expect(agents.rows).toHaveLength(1);
    expect(events.events).toHaveLength(1);
  });

  it('answers a retry with the same idempotency key with the first agent', async () => {
    const { create, agents } = setup();
    const first = await create.execute({ organizationId: ORG_A, name: 'A', idempotencyKey: 'k' });
    await expect(create.execute({ organizationId: ORG_A, name: 'A', idempotencyKey: 'k' })).resolves.toEqual(first);
    expect(agents.rows).toHaveLength(1);
  });

  it('updates only the given fields (null clears), re-checks the variables against the new declaration, and publishes the snapshot', async () => {
    const { create, update, events, clock } = setup();
    const a = await create.execute({ organizationId: ORG_A, name: 'A', greetingMessage: 'Hi {{sehir}}', variables: ['sehir'], voice: { model: 'v', speakingRate: 1 } });
    clock.current = new Date('2026-01-03T00:00:00.000Z');
    await expect(update.execute({ organizationId: ORG_A, agentId: a.agentId, variables: [] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', extra: { errors: [{ field: 'greetingMessage' }] } });
    const b = await update.execute({ organizationId: ORG_A, agentId: a.agentId, voice: null, active: false });
    expect(b).toMatchObject({ name: 'A', active: false, greetingMessage: 'Hi {{sehir}}', updatedAt: '2026-01-03T00:00:00.000Z' });
    expect(b.voice).toBeUndefined();
    expect(b.missingFields).toContain('voice');
    await expect(update.execute({ organizationId: ORG_A, agentId: a.agentId })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(events.events.map((e) => e.type)).toEqual(['created', 'updated']);
  });

  it("treats another organization's agent as missing on every use case", async () => {
    const { create, update, remove, get, events } = setup();
    const a = await create.execute({ organizationId: ORG_A, name: 'A' });
    await expect(get.execute({ organizationId: ORG_B, agentId: a.agentId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(update.execute({ organizationId: ORG_B, agentId: a.agentId, name: 'B' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(remove.execute({ organizationId: ORG_B, agentId: a.agentId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(remove.execute({ organizationId: ORG_A, agentId: a.agentId })).resolves.toEqual({ agentId: a.agentId });
    expect(events.events.map((e) => e.type)).toEqual(['created', 'deleted']);
  });
});
