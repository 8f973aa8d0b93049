import { FakeClock } from '@santral/testing';
import { InMemoryUsers, ORG_A, ORG_B } from '../../test/fakes';
import { RecordingServiceRpc } from '../../test/recording-service-rpc';
import { CreateUserUseCase } from '../users/create-user.use-case';
import { SetOperatorMapUseCase } from './set-operator-map.use-case';

const ACCOUNT = '0190c000-0000-7000-8000-0000000000aa';

async function setUp() {
  const users = new InMemoryUsers();
  const createUser = new CreateUserUseCase(users, new FakeClock());
  const mine = await createUser.execute(ORG_A, { name: 'Ayşe', email: 'ayse@example.com', role: 'operator' });
  const mine2 = await createUser.execute(ORG_A, { name: 'Mehmet', email: 'mehmet@example.com', role: 'operator' });
  const theirs = await createUser.execute(ORG_B, { name: 'Zeynep', email: 'zeynep@example.com', role: 'operator' });
  const accounts = new RecordingServiceRpc();
  return { accounts, useCase: new SetOperatorMapUseCase(accounts.asServiceRpc(), users), mine, mine2, theirs };
}

describe('SetOperatorMapUseCase', () => {
  it("sends the map of the organization's own users, user ids in lower case", async () => {
    const { accounts, useCase, mine, mine2 } = await setUp();
    const operators = [
      { providerEmployeeId: '17', userId: mine.id.toUpperCase() },
      { providerEmployeeId: '18', userId: mine2.id },
    ];
    await expect(useCase.execute(ORG_A, ACCOUNT, operators)).resolves.toMatchObject({ operators: [{ providerEmployeeId: '17', userId: mine.id }, { providerEmployeeId: '18', userId: mine2.id }] });
    expect(accounts.calls).toEqual([
      { subject: 'rpc.telephony.operator_map.set', payload: { organizationId: ORG_A, id: ACCOUNT, operators: [{ providerEmployeeId: '17', userId: mine.id }, { providerEmployeeId: '18', userId: mine2.id }] } },
    ]);
  });

  it('accepts an empty map (clears it)', async () => {
    const { accounts, useCase } = await setUp();
    await expect(useCase.execute(ORG_A, ACCOUNT, [])).resolves.toMatchObject({ operators: [] });
    expect(accounts.calls).toHaveLength(1);
  });

  it("refuses another organization's user, an unknown user and an employee mapped twice, naming each entry", async () => {
    const { accounts, useCase, mine, theirs } = await setUp();
    const operators = [
      { providerEmployeeId: '17', userId: mine.id },
      { providerEmployeeId: '18', userId: theirs.id },
      { providerEmployeeId: '17', userId: mine.id },
      { providerEmployeeId: '19', userId: '0190d000-0000-7000-8000-000000000099' },
    ];
    await expect(useCase.execute(ORG_A, ACCOUNT, operators)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      extra: {
        errors: [
          { field: 'operators.1.userId', message: expect.stringContaining('not a user of this organization') },
          { field: 'operators.2.providerEmployeeId', message: expect.stringContaining('more than once') },
          { field: 'operators.3.userId', message: expect.stringContaining('not a user of this organization') },
        ],
      },
    });
    expect(accounts.calls).toEqual([]);
  });
});
