import { asOrgId } from '@santral/persistence';
import { InMemoryPresence, ORG_A, ORG_B } from '../../test/fakes';
import { PresenceCheck } from './presence.check';
import { SetPresenceUseCase } from './set-presence.use-case';

const USER = '0190f000-0000-7000-8000-0000000000AA';
const CALL = '0190e000-0000-7000-8000-000000000001';

describe('operator presence', () => {
  const setup = () => {
    const store = new InMemoryPresence();
    return { store, set: new SetPresenceUseCase(store), check: new PresenceCheck(store) };
  };

  it('stores the latest presence per user (ids lower-cased) and answers it', async () => {
    const { set, store } = setup();
    await set.execute({ organizationId: ORG_A, userId: USER, status: 'available' });
    const busy = await set.execute({ organizationId: ORG_A, userId: USER, status: 'busy', currentCallId: CALL });
    expect(busy).toEqual({ userId: USER.toLowerCase(), status: 'busy', currentCallId: CALL, endpoint: null, updatedAt: expect.any(String) });
    expect(store.rows.size).toBe(1);
  });

  it('refuses a current call with any status but busy, naming the field, and stores nothing', async () => {
    const { set, store } = setup();
    for (const status of ['available', 'offline'] as const) {
      await expect(set.execute({ organizationId: ORG_A, userId: USER, status, currentCallId: CALL })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        extra: { errors: [{ field: 'currentCallId' }] },
      });
    }
    expect(store.rows.size).toBe(0);
  });

  it('the pre-dial check follows the stored presence, per organization', async () => {
    const { set, check } = setup();
    const org = asOrgId(ORG_A);
    await expect(check.assertOperatorFree(org, USER)).rejects.toMatchObject({ code: 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL' });
    await set.execute({ organizationId: ORG_A, userId: USER, status: 'available' });
    await expect(check.assertOperatorFree(org, USER)).resolves.toBeUndefined();
    await expect(check.assertOperatorFree(asOrgId(ORG_B), USER)).rejects.toMatchObject({ code: 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL' });
    await set.execute({ organizationId: ORG_A, userId: USER, status: 'busy', currentCallId: CALL });
    await expect(check.assertOperatorFree(org, USER, CALL)).resolves.toBeUndefined();
    await expect(check.assertOperatorFree(org, USER, '0190e000-0000-7000-8000-000000000009')).rejects.toMatchObject({ code: 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL' });
    await set.execute({ organizationId: ORG_A, userId: USER, status: 'offline' });
    await expect(check.assertOperatorFree(org, USER)).rejects.toMatchObject({ code: 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL' });
  });
});
