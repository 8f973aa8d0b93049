import { FakeClock, FakeTransactions } from '@santral/testing';
import { InMemoryOrganizations, ORG_A, ORG_B, organization, RecordingOrganizationEvents } from '../../test/fakes';
import { DomainError } from '@santral/contracts';
import { UpdateOrganizationUseCase } from './update-organization.use-case';

function setup() {
  const organizations = new InMemoryOrganizations();
  organizations.rows.set(ORG_A, organization(ORG_A));
  const events = new RecordingOrganizationEvents();
  const transactions = new FakeTransactions();
  const clock = new FakeClock();
  return { useCase: new UpdateOrganizationUseCase(organizations, events, transactions, clock), organizations, events, transactions, clock };
}

describe('UpdateOrganizationUseCase', () => {
  it('raises one limit and keeps the others (A2: slots 5 → 10)', async () => {
    const { useCase, organizations, clock } = setup();
    const updated = await useCase.execute(ORG_A, { limits: { concurrentSlots: 10 } });
    expect(updated.limits).toEqual({ concurrentSlots: 10, callsPerHour: 100, minCreditsToStart: 10 });
    expect(updated.updatedAt).toEqual(clock.current);
    expect(organizations.rows.get(ORG_A)?.limits.concurrentSlots).toBe(10);
  });

  it('resets limits to the new plan, then applies given limits', async () => {
    const { useCase } = setup();
    const updated = await useCase.execute(ORG_A, { plan: 'starter', limits: { minCreditsToStart: 0 } });
    expect(updated).toMatchObject({ plan: 'starter', limits: { concurrentSlots: 10, callsPerHour: 1_000, minCreditsToStart: 0 } });
  });

  it('changes country, time zone and name', async () => {
    const { useCase } = setup();
    const updated = await useCase.execute(ORG_A, { defaultCountry: 'VN', timeZone: 'Asia/Ho_Chi_Minh', name: 'Acme VN' });
    expect(updated).toMatchObject({ defaultCountry: 'VN', timeZone: 'Asia/Ho_Chi_Minh', name: 'Acme VN', plan: 'free' });
  });

  it('writes the change and the updated event in one transaction', async () => {
    const { useCase, organizations, events, transactions } = setup();
    const updated = await useCase.execute(ORG_A, { name: 'New' });
    expect(transactions.runs).toBe(1);
    expect(organizations.writes).toEqual([{ op: 'update', tx: transactions.tx }]);
    expect(events.calls).toEqual([{ kind: 'updated', org: updated, tx: transactions.tx }]);
  });

  it('is NOT_FOUND for an unknown organization and writes nothing', async () => {
    const { useCase, organizations, events } = setup();
    await expect(useCase.execute(ORG_B, { name: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(organizations.writes).toEqual([]);
    expect(events.calls).toEqual([]);
  });

  it('refuses an empty change', async () => {
    const { useCase, transactions } = setup();
    const error = await useCase.execute(ORG_A, { limits: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(transactions.runs).toBe(0);
  });
});
