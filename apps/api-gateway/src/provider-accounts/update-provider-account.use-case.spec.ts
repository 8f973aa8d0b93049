import { ORG_A } from '../../test/fakes';
import { RecordingServiceRpc } from '../../test/recording-service-rpc';
import { UpdateProviderAccountUseCase } from './update-provider-account.use-case';

const ID = '0190c000-0000-7000-8000-0000000000aa';

describe('UpdateProviderAccountUseCase', () => {
  it('passes a patch on for the caller organization', async () => {
    const accounts = new RecordingServiceRpc();
    await expect(new UpdateProviderAccountUseCase(accounts.asServiceRpc()).execute(ORG_A, ID, { name: 'Renamed', secrets: { apiKey: 'k' } })).resolves.toMatchObject({
      name: 'Renamed',
    });
    expect(accounts.calls).toEqual([
      { subject: 'rpc.telephony.provider_account.update', payload: { organizationId: ORG_A, id: ID, name: 'Renamed', secrets: { apiKey: 'k' } }, timeoutMs: 25_000 },
    ]);
  });

  it.each([
    ['an empty patch', {}],
    ['only undefined fields', { name: undefined, settings: undefined }],
  ])('refuses %s without asking the telephony-gateway', async (_name, patch) => {
    const accounts = new RecordingServiceRpc();
    await expect(new UpdateProviderAccountUseCase(accounts.asServiceRpc()).execute(ORG_A, ID, patch)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      extra: { errors: [expect.objectContaining({ field: 'body' })] },
    });
    expect(accounts.calls).toEqual([]);
  });
});
