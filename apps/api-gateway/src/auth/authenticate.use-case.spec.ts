import { FakeClock } from '@santral/testing';
import { InMemoryApiKeys, ORG_A } from '../../test/fakes';
import { CreateApiKeyUseCase } from '../api-keys/create-api-key.use-case';
import { AuthenticateUseCase } from './authenticate.use-case';

const ADMIN = 'platform-admin-key-0123456789';

async function setup() {
  const keys = new InMemoryApiKeys();
  const created = await new CreateApiKeyUseCase(keys, new FakeClock()).execute(ORG_A, { name: 'k', role: 'supervisor' });
  return { keys, created, useCase: new AuthenticateUseCase(keys, ADMIN) };
}

describe('AuthenticateUseCase', () => {
  it.each([undefined, '', 'Basic abc', 'Bearer', 'Bearer  '])('is UNAUTHENTICATED without a bearer key (%p)', async (header) => {
    const { useCase } = await setup();
    await expect(useCase.execute(header)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('recognizes the platform admin key', async () => {
    const { useCase } = await setup();
    await expect(useCase.execute(`Bearer ${ADMIN}`)).resolves.toEqual({ kind: 'platform' });
  });

  it('resolves an organization key to its organization, key and role', async () => {
    const { useCase, created } = await setup();
    await expect(useCase.execute(`bearer ${created.plaintext}`)).resolves.toEqual({
      kind: 'organization',
      organizationId: ORG_A,
      keyId: created.apiKey.id,
      role: 'supervisor',
    });
  });

  it.each([`${ADMIN}x`, 'sk_live_nope', 'platform-admin-key'])('is INVALID_API_KEY for an unknown key (%p)', async (token) => {
    const { useCase } = await setup();
    await expect(useCase.execute(`Bearer ${token}`)).rejects.toMatchObject({ code: 'INVALID_API_KEY' });
  });

  it('is API_KEY_REVOKED for a revoked key', async () => {
    const { useCase, keys, created } = await setup();
    keys.rows[0].revokedAt = new Date();
    await expect(useCase.execute(`Bearer ${created.plaintext}`)).rejects.toMatchObject({ code: 'API_KEY_REVOKED' });
  });
});
