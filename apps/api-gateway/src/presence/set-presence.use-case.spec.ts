import { FakeClock } from '@santral/testing';
import { InMemoryUsers, ORG_A, ORG_B } from '../../test/fakes';
import { RecordingServiceRpc } from '../../test/recording-service-rpc';
import { CreateUserUseCase } from '../users/create-user.use-case';
import { SetPresenceUseCase } from './set-presence.use-case';

describe('SetPresenceUseCase (gateway: the user must be the organization’s)', () => {
  async function setUp() {
    const users = new InMemoryUsers();
    const createUser = new CreateUserUseCase(users, new FakeClock());
    const mine = await createUser.execute(ORG_A, { name: 'Ayşe', email: 'ayse@example.com', role: 'operator' });
    const theirs = await createUser.execute(ORG_B, { name: 'Zeynep', email: 'zeynep@example.com', role: 'operator' });
    const dialer = new RecordingServiceRpc();
    return { dialer, useCase: new SetPresenceUseCase(dialer.asServiceRpc(), users), mine, theirs };
  }

  it('forwards the presence of a user of the organization, the user id in lower case', async () => {
    const { dialer, useCase, mine } = await setUp();
    await useCase.execute(ORG_A, mine.id.toUpperCase(), { status: 'busy', currentCallId: '0190e000-0000-7000-8000-000000000001' });
    await useCase.execute(ORG_A, mine.id, { status: 'available' });
    expect(dialer.calls).toEqual([
      { subject: 'rpc.dialer.presence.set', payload: { organizationId: ORG_A, userId: mine.id, status: 'busy', currentCallId: '0190e000-0000-7000-8000-000000000001' } },
      { subject: 'rpc.dialer.presence.set', payload: { organizationId: ORG_A, userId: mine.id, status: 'available' } },
    ]);
  });

  it('is NOT_FOUND for another organization’s user or an unknown id, and asks the dialer nothing', async () => {
    const { dialer, useCase, theirs } = await setUp();
    await expect(useCase.execute(ORG_A, theirs.id, { status: 'available' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(useCase.execute(ORG_A, '0190ffff-0000-7000-8000-000000000000', { status: 'available' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(dialer.calls).toEqual([]);
  });
});
