import { FakeClock } from '@santral/testing';
import { InMemoryUsers, ORG_A, ORG_B } from '../../test/fakes';
import { CreateUserUseCase } from './create-user.use-case';

describe('CreateUserUseCase', () => {
  it('adds a user, and refuses the same e-mail (any case) in the same organization only', async () => {
    const users = new InMemoryUsers();
    const useCase = new CreateUserUseCase(users, new FakeClock());
    await expect(useCase.execute(ORG_A, { name: 'Ayşe', email: 'ayse@example.com', role: 'operator' })).resolves.toMatchObject({
      organizationId: ORG_A,
      role: 'operator',
    });
    await expect(useCase.execute(ORG_A, { name: 'A', email: 'AYSE@example.com', role: 'admin' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(useCase.execute(ORG_B, { name: 'A', email: 'ayse@example.com', role: 'admin' })).resolves.toBeDefined();
    expect(users.rows).toHaveLength(2);
  });
});
