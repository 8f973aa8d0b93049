import { createHash } from 'node:crypto';
import { FakeClock } from '@santral/testing';
import { InMemoryApiKeys, ORG_A } from '../../test/fakes';
import { CreateApiKeyUseCase } from './create-api-key.use-case';

describe('CreateApiKeyUseCase', () => {
  it('returns the plaintext once and stores only its SHA-256 and visible prefix', async () => {
    const keys = new InMemoryApiKeys();
    const clock = new FakeClock();
    const created = await new CreateApiKeyUseCase(keys, clock).execute(ORG_A, { name: 'CRM', role: 'operator' });
    expect(created.plaintext).toMatch(/^sk_live_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKey).toMatchObject({ organizationId: ORG_A, name: 'CRM', role: 'operator', createdAt: clock.current, revokedAt: null });
    expect(created.plaintext.startsWith(created.apiKey.prefix)).toBe(true);
    expect(keys.rows[0].keyHash).toBe(createHash('sha256').update(created.plaintext).digest('hex'));
    expect(Object.values(keys.rows[0])).not.toContain(created.plaintext);
  });

  it('makes a different key every time', async () => {
    const useCase = new CreateApiKeyUseCase(new InMemoryApiKeys(), new FakeClock());
    const a = await useCase.execute(ORG_A, { name: 'a', role: 'admin' });
    const b = await useCase.execute(ORG_A, { name: 'b', role: 'admin' });
    expect(a.plaintext).not.toBe(b.plaintext);
    expect(a.apiKey.id).not.toBe(b.apiKey.id);
  });
});
