import { createHash } from 'node:crypto';
import { CreateApiKeyUseCase } from '../api-keys/create-api-key.use-case';
import { FakeClock, FakeTransactions } from '@santral/testing';
import { InMemoryApiKeys, InMemoryOrganizations, RecordingOrganizationEvents } from '../../test/fakes';
import { CreateOrganizationUseCase } from './create-organization.use-case';
import { OrganizationEventsPort } from './organization-events.port';

function setup(events: OrganizationEventsPort = new RecordingOrganizationEvents()) {
  const organizations = new InMemoryOrganizations();
  const keys = new InMemoryApiKeys();
  const transactions = new FakeTransactions();
  const clock = new FakeClock();
  const useCase = new CreateOrganizationUseCase(organizations, new CreateApiKeyUseCase(keys, clock), events, transactions, clock);
  return { useCase, organizations, keys, transactions, events, clock };
}

const input = { name: 'Acme', plan: 'free' as const, defaultCountry: 'TR', timeZone: 'Europe/Istanbul' };

describe('CreateOrganizationUseCase', () => {
  it('gives the free plan its default limits (3 slots, 10 minimum credits)', async () => {
    const { useCase } = setup();
    const { organization } = await useCase.execute(input);
    expect(organization.limits).toEqual({ concurrentSlots: 3, callsPerHour: 100, minCreditsToStart: 10 });
    expect(organization.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('applies given limits over the plan defaults, ignoring undefined members', async () => {
    const { useCase } = setup();
    const { organization } = await useCase.execute({ ...input, plan: 'business', limits: { concurrentSlots: 7, callsPerHour: undefined } });
    expect(organization.limits).toEqual({ concurrentSlots: 7, callsPerHour: 10_000, minCreditsToStart: 10 });
  });

  it('issues a first admin key whose hash, not plaintext, is stored', async () => {
    const { useCase, keys } = setup();
    const { organization, apiKey } = await useCase.execute(input);
    expect(apiKey.apiKey).toMatchObject({ organizationId: organization.id, role: 'admin', revokedAt: null });
    expect(apiKey.plaintext.startsWith(`${apiKey.apiKey.prefix}_`)).toBe(true);
    expect(keys.rows).toHaveLength(1);
    expect(keys.rows[0].keyHash).toBe(createHash('sha256').update(apiKey.plaintext).digest('hex'));
    expect(JSON.stringify(keys.rows)).not.toContain(apiKey.plaintext);
  });

  it('writes the organization, its key and the created event in one transaction', async () => {
    const { useCase, organizations, keys, transactions, events } = setup();
    const { organization } = await useCase.execute(input);
    expect(transactions.runs).toBe(1);
    expect(organizations.writes).toEqual([{ op: 'insert', tx: transactions.tx }]);
    expect(keys.txSeen).toEqual([transactions.tx]);
    expect((events as RecordingOrganizationEvents).calls).toEqual([{ kind: 'created', org: organization, tx: transactions.tx }]);
  });

  it('fails when the event cannot be recorded (the transaction then rolls back)', async () => {
    class FailingEvents extends RecordingOrganizationEvents {
      override async created(): Promise<void> {
        throw new Error('outbox down');
      }
    }
    const { useCase } = setup(new FailingEvents());
    await expect(useCase.execute(input)).rejects.toThrow('outbox down');
  });
});
