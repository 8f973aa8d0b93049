import { FakeClock } from '@santral/testing';
import { InMemoryApiKeys, ORG_A } from '../../test/fakes';
import { CreateApiKeyUseCase } from '../api-keys/create-api-key.use-case';
import { ApiKeyCache } from './api-key-cache';
import { AuthenticateUseCase } from './authenticate.use-case';

const ADMIN = 'platform-admin-key-0123456789';

async function setup(ttlMs = 0) {
  const keys = new InMemoryApiKeys();
  const clock = new FakeClock();
  const created = await new CreateApiKeyUseCase(keys, clock).execute(ORG_A, { name: 'k', role: 'supervisor' });
  const cache = new ApiKeyCache(ttlMs, clock);
  return { keys, created, clock, cache, useCase: new AuthenticateUseCase(keys, ADMIN, cache) };
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

  describe('with the key cache (API_KEY_CACHE_TTL_MS)', () => {
    it('reads a key once within the TTL, again after it: a revocation elsewhere is seen once the entry is that old', async () => {
      const { useCase, keys, created, clock } = await setup(2000);
      const reads = jest.spyOn(keys, 'findByHash');
      await useCase.execute(`Bearer ${created.plaintext}`);
      await useCase.execute(`Bearer ${created.plaintext}`);
      expect(reads).toHaveBeenCalledTimes(1);
      keys.rows[0].revokedAt = new Date(); // another replica revoked it
      clock.current = new Date(clock.current.getTime() + 1999);
      await expect(useCase.execute(`Bearer ${created.plaintext}`)).resolves.toMatchObject({ kind: 'organization' });
      clock.current = new Date(clock.current.getTime() + 1);
      await expect(useCase.execute(`Bearer ${created.plaintext}`)).rejects.toMatchObject({ code: 'API_KEY_REVOKED' });
      await expect(useCase.execute(`Bearer ${created.plaintext}`)).rejects.toMatchObject({ code: 'API_KEY_REVOKED' });
      expect(reads).toHaveBeenCalledTimes(3); // a revoked key is never kept
    });

    it('keeps no unknown key, and with TTL 0 nothing at all', async () => {
      const cached = await setup(2000);
      const reads = jest.spyOn(cached.keys, 'findByHash');
      for (let i = 0; i < 2; i++) await expect(cached.useCase.execute('Bearer sk_live_nope')).rejects.toMatchObject({ code: 'INVALID_API_KEY' });
      expect(reads).toHaveBeenCalledTimes(2);
      const off = await setup(0);
      const offReads = jest.spyOn(off.keys, 'findByHash');
      for (let i = 0; i < 2; i++) await off.useCase.execute(`Bearer ${off.created.plaintext}`);
      expect(offReads).toHaveBeenCalledTimes(2);
    });
  });
});
