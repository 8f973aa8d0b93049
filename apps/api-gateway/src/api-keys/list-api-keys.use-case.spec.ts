import { decodeCursor, pageRequest } from '@santral/persistence';
import { InMemoryApiKeys, ORG_A, ORG_B } from '../../test/fakes';
import { ListApiKeysUseCase } from './list-api-keys.use-case';

describe('ListApiKeysUseCase', () => {
  const keys = new InMemoryApiKeys();
  for (let i = 0; i < 5; i++) {
    keys.rows.push({
      id: `00000000-0000-7000-8000-00000000000${i}`,
      organizationId: i === 4 ? ORG_B : ORG_A,
      name: `k${i}`,
      role: 'operator',
      prefix: `sk_live_${i}`,
      keyHash: String(i).repeat(64),
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      revokedAt: null,
    });
  }
  const useCase = new ListApiKeysUseCase(keys);

  it('pages newest first through the organization\'s keys only', async () => {
    const first = await useCase.execute(ORG_A, pageRequest(3, undefined));
    expect(first.items.map((k) => k.name)).toEqual(['k3', 'k2', 'k1']);
    expect(decodeCursor(first.nextCursor ?? undefined)).toEqual({ createdAt: '2026-01-01T00:00:01.000000Z', id: keys.rows[1].id });
    const second = await useCase.execute(ORG_A, pageRequest(3, first.nextCursor ?? undefined));
    expect(second).toEqual({ items: [expect.objectContaining({ name: 'k0' })], nextCursor: null });
  });

  it('never returns a secret or its hash', async () => {
    const page = await useCase.execute(ORG_A, pageRequest(10, undefined));
    for (const item of page.items) expect(item).not.toHaveProperty('keyHash');
  });
});
