import { randomBytes, randomUUID } from 'node:crypto';
import type { TelephonyConfig } from '../config';
import { AccountContextLoader } from './account-context.loader';
import type { ProviderAccountEntity } from './provider-account.entity';
import type { ProviderAccountRepository } from './provider-account.repository';

const config = { SECRETS_KEY: randomBytes(32).toString('base64'), PUBLIC_BASE_URL: 'https://tg.example' } as TelephonyConfig;

function setup(fail = false) {
  const id = randomUUID();
  let lookups = 0;
  const repo = {
    async findForWebhook(accountId: string): Promise<ProviderAccountEntity | null> {
      lookups++;
      await new Promise((r) => setTimeout(r, 20));
      if (fail && lookups === 1) throw new Error('connection reset');
      return accountId === id ? entity : null;
    },
  } as unknown as ProviderAccountRepository;
  const loader = new AccountContextLoader(repo, config);
  const entity = { id, organizationId: randomUUID(), type: 'simulator', settings: {}, secretsSealed: loader.seal(id, { signingSecret: 'whsec_x' }), operatorMap: {} } as unknown as ProviderAccountEntity;
  return { id, loader, lookups: () => lookups };
}

describe('AccountContextLoader.forWebhook', () => {
  it('looks an account up once however many webhooks ask at the same time', async () => {
    const s = setup();
    const contexts = await Promise.all(Array.from({ length: 50 }, () => s.loader.forWebhook(s.id)));
    expect(s.lookups()).toBe(1);
    expect(contexts.every((c) => c?.secrets.signingSecret === 'whsec_x')).toBe(true);
    expect(contexts[0]!.webhookBaseUrl).toBe(`https://tg.example/webhooks/simulator/${s.id}`);
  });

  it('does not keep a failed lookup', async () => {
    const s = setup(true);
    await expect(s.loader.forWebhook(s.id)).rejects.toThrow('connection reset');
    await expect(s.loader.forWebhook(s.id)).resolves.toMatchObject({ id: s.id });
    expect(s.lookups()).toBe(2);
  });

  it('looks again after invalidate (an updated account)', async () => {
    const s = setup();
    await s.loader.forWebhook(s.id);
    s.loader.invalidate(s.id);
    await s.loader.forWebhook(s.id);
    expect(s.lookups()).toBe(2);
  });

  it('remembers an unknown account for a short while too', async () => {
    const s = setup();
    const other = randomUUID();
    await expect(Promise.all([s.loader.forWebhook(other), s.loader.forWebhook(other)])).resolves.toEqual([null, null]);
    await s.loader.forWebhook(other);
    expect(s.lookups()).toBe(1);
  });
});

describe('AccountContextLoader.forWebhook past the TTL', () => {
  afterEach(() => jest.useRealTimers());

  it('keeps answering from the last lookup while one refresh runs', async () => {
    const s = setup();
    const first = await s.loader.forWebhook(s.id);
    jest.useFakeTimers({ doNotFake: ['setTimeout', 'nextTick', 'setImmediate'], now: Date.now() + 6000 });
    const during = await Promise.all(Array.from({ length: 20 }, () => s.loader.forWebhook(s.id)));
    expect(during.every((c) => c === first)).toBe(true); // no webhook waited for the refresh
    expect(s.lookups()).toBe(2); // one refresh for all of them
    await new Promise((r) => setTimeout(r, 40));
    const after = await s.loader.forWebhook(s.id);
    expect(after).not.toBe(first); // the refreshed answer
    expect(after).toMatchObject({ id: s.id });
    expect(s.lookups()).toBe(2);
  });
});
