import { generateSealingKeyPair, Opener } from '@santral/messaging';
import { ORG_A, ORG_B } from '../../test/fakes';
import { RecordingServiceRpc } from '../../test/recording-service-rpc';
import type { GatewayConfig } from '../config';
import { ProviderSecretsSealer } from './provider-secrets.sealer';
import { UpdateProviderAccountUseCase } from './update-provider-account.use-case';

const ID = '0190c000-0000-7000-8000-0000000000aa';
const keys = generateSealingKeyPair();
const sealer = new ProviderSecretsSealer({ TELEPHONY_SEALING_PUBLIC_KEY: keys.publicKey } as GatewayConfig);
const useCase = (rpc: RecordingServiceRpc) => new UpdateProviderAccountUseCase(rpc.asServiceRpc(), sealer);

describe('UpdateProviderAccountUseCase', () => {
  it('passes a patch on for the caller organization, the secrets sealed for the telephony-gateway and that organization', async () => {
    const accounts = new RecordingServiceRpc();
    await expect(useCase(accounts).execute(ORG_A, ID, { name: 'Renamed', secrets: { apiKey: 'k_plain_secret' } })).resolves.toMatchObject({ name: 'Renamed' });
    expect(accounts.calls).toEqual([
      { subject: 'rpc.telephony.provider_account.update', payload: { organizationId: ORG_A, id: ID, name: 'Renamed', sealedSecrets: expect.stringMatching(/^sealed\.v1\./) }, timeoutMs: 25_000 },
    ]);
    const payload = accounts.calls[0].payload as { sealedSecrets: string };
    expect(JSON.stringify(payload)).not.toContain('k_plain_secret');
    expect(JSON.parse(new Opener(keys.privateKey).open(payload.sealedSecrets, ORG_A))).toEqual({ apiKey: 'k_plain_secret' });
    expect(() => new Opener(keys.privateKey).open(payload.sealedSecrets, ORG_B)).toThrow();
  });

  it('sends no sealed field when the patch has no secrets', async () => {
    const accounts = new RecordingServiceRpc();
    await useCase(accounts).execute(ORG_A, ID, { settings: { seed: 1 } });
    expect(accounts.calls[0].payload).toEqual({ organizationId: ORG_A, id: ID, settings: { seed: 1 } });
  });

  it.each([
    ['an empty patch', {}],
    ['only undefined fields', { name: undefined, settings: undefined }],
  ])('refuses %s without asking the telephony-gateway', async (_name, patch) => {
    const accounts = new RecordingServiceRpc();
    await expect(useCase(accounts).execute(ORG_A, ID, patch)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      extra: { errors: [expect.objectContaining({ field: 'body' })] },
    });
    expect(accounts.calls).toEqual([]);
  });
});
