import { FakeClock, FakeTransactions } from '@santral/testing';
import { InMemoryApiKeys, ORG_A, ORG_B, type StoredKey } from '../../test/fakes';
import { ApiKeyCache } from '../auth/api-key-cache';
import { RevokeApiKeyUseCase } from './revoke-api-key.use-case';

function key(id: string, overrides: Partial<StoredKey> = {}): StoredKey {
  return {
    id,
    organizationId: ORG_A,
    name: id,
    role: 'admin',
    prefix: 'sk_live_x',
    keyHash: id.padEnd(64, '0'),
    createdAt: new Date('2026-01-01T00:00:00Z'),
    revokedAt: null,
    ...overrides,
  };
}

function setup(rows: StoredKey[]) {
  const keys = new InMemoryApiKeys();
  keys.rows.push(...rows);
  const clock = new FakeClock();
  const cache = new ApiKeyCache(60_000, clock);
  return { keys, clock, cache, useCase: new RevokeApiKeyUseCase(keys, new FakeTransactions(), clock, cache) };
}

describe('RevokeApiKeyUseCase', () => {
  it('forgets the key this replica authenticated, so its next request reads it (revoked) again', async () => {
    const { useCase, cache } = setup([key('admin1'), key('op1', { role: 'operator' })]);
    cache.put('op1-hash', key('op1', { role: 'operator' }));
    cache.put('admin1-hash', key('admin1'));
    await useCase.execute(ORG_A, 'op1');
    expect(cache.get('op1-hash')).toBeUndefined();
    expect(cache.get('admin1-hash')).toMatchObject({ id: 'admin1' });
  });

  it('marks a key revoked', async () => {
    const { useCase, keys, clock } = setup([key('admin1'), key('op1', { role: 'operator' })]);
    await useCase.execute(ORG_A, 'op1');
    expect(keys.rows[1].revokedAt).toEqual(clock.current);
  });

  it('is NOT_FOUND for another organization\'s key, which stays active', async () => {
    const { useCase, keys } = setup([key('admin1'), key('b1', { organizationId: ORG_B, role: 'operator' })]);
    await expect(useCase.execute(ORG_A, 'b1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(keys.rows[1].revokedAt).toBeNull();
  });

  it('is idempotent for an already revoked key', async () => {
    const revokedAt = new Date('2025-12-01T00:00:00Z');
    const { useCase, keys } = setup([key('admin1'), key('old', { revokedAt })]);
    await expect(useCase.execute(ORG_A, 'old')).resolves.toBeUndefined();
    expect(keys.rows[1].revokedAt).toEqual(revokedAt);
  });

  it('refuses to revoke the last active admin key (CONFLICT)', async () => {
    const { useCase, keys } = setup([key('admin1'), key('op1', { role: 'operator' })]);
    await expect(useCase.execute(ORG_A, 'admin1')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(keys.rows[0].revokedAt).toBeNull();
  });

  it('revokes an admin key while another admin key stays active', async () => {
    const { useCase, keys } = setup([key('admin1'), key('admin2')]);
    await useCase.execute(ORG_A, 'admin1');
    expect(keys.rows.map((k) => k.revokedAt !== null)).toEqual([true, false]);
  });
});
