import { ORG_A, RecordingProviderAccounts } from '../../test/fakes';
import { UpdateProviderAccountUseCase } from './update-provider-account.use-case';

const ID = '0190c000-0000-7000-8000-0000000000aa';

describe('UpdateProviderAccountUseCase', () => {
  it('passes a patch on for the caller organization', async () => {
    const accounts = new RecordingProviderAccounts();
    await expect(new UpdateProviderAccountUseCase(accounts).execute(ORG_A, ID, { name: 'Renamed', secrets: { apiKey: 'k' } })).resolves.toMatchObject({
      name: 'Renamed',
    });
    expect(accounts.calls).toEqual([{ op: 'update', orgId: ORG_A, args: [ID, { name: 'Renamed', secrets: { apiKey: 'k' } }] }]);
  });

  it.each([
    ['an empty patch', {}],
    ['only undefined fields', { name: undefined, settings: undefined }],
  ])('refuses %s without asking the telephony-gateway', async (_name, patch) => {
    const accounts = new RecordingProviderAccounts();
    await expect(new UpdateProviderAccountUseCase(accounts).execute(ORG_A, ID, patch)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      extra: { errors: [expect.objectContaining({ field: 'body' })] },
    });
    expect(accounts.calls).toEqual([]);
  });
});
