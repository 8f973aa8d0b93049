import { ORG_A, RecordingProviderAccounts } from '../../test/fakes';
import { DEFAULT_PAGE_SIZE } from '@santral/persistence';
import { ListProviderAccountsUseCase } from './list-provider-accounts.use-case';

describe('ListProviderAccountsUseCase', () => {
  it("asks for the gateway's default page size unless a limit is given, and passes the cursor on", async () => {
    const accounts = new RecordingProviderAccounts();
    const useCase = new ListProviderAccountsUseCase(accounts);
    await expect(useCase.execute(ORG_A, {})).resolves.toEqual({ items: [], nextCursor: null });
    await useCase.execute(ORG_A, { limit: 5, cursor: 'abc' });
    expect(accounts.calls).toEqual([
      { op: 'list', orgId: ORG_A, args: [{ limit: DEFAULT_PAGE_SIZE, cursor: undefined }] },
      { op: 'list', orgId: ORG_A, args: [{ limit: 5, cursor: 'abc' }] },
    ]);
  });
});
