import { DomainError } from '@santral/contracts';
import { InMemoryIdempotencyStore, ORG_A, ORG_B } from '../../test/fakes';
import type { Principal } from '../auth/principal';
import { BeginIdempotentRequestUseCase, type IdempotentRequest } from './begin-idempotent-request.use-case';

const ORG: Principal = { kind: 'organization', organizationId: ORG_A, keyId: 'key-1', role: 'admin' };

function request(overrides: Partial<IdempotentRequest> = {}): IdempotentRequest {
  return { key: 'k-1', principal: ORG, credential: 'sk_live_secret', method: 'POST', url: '/v1/api-keys', body: { name: 'a', role: 'admin' }, ...overrides };
}

function setup() {
  const store = new InMemoryIdempotencyStore();
  return { store, useCase: new BeginIdempotentRequestUseCase(store, 86_400_000, 60_000) };
}

async function executeOnce(useCase: BeginIdempotentRequestUseCase, req: IdempotentRequest, body: unknown): Promise<void> {
  const outcome = await useCase.execute(req);
  if (outcome.kind !== 'execute') throw new Error(`expected execute, got ${outcome.kind}`);
  await outcome.complete(201, body);
}

describe('BeginIdempotentRequestUseCase', () => {
  it('does nothing without an Idempotency-Key', async () => {
    const { useCase, store } = setup();
    await expect(useCase.execute(request({ key: undefined }))).resolves.toEqual({ kind: 'not-requested' });
    expect(store.rows.size).toBe(0);
  });

  it('replays the stored answer for the same request, key order notwithstanding', async () => {
    const { useCase } = setup();
    await executeOnce(useCase, request(), { id: 'x', key: 'sk_live_new' });
    await expect(useCase.execute(request({ body: { role: 'admin', name: 'a' } }))).resolves.toEqual({
      kind: 'replay',
      status: 201,
      body: { id: 'x', key: 'sk_live_new' },
    });
  });

  it('stores the answer sealed, never in the clear', async () => {
    const { useCase, store } = setup();
    await executeOnce(useCase, request(), { key: 'sk_live_new_plaintext' });
    const [row] = [...store.rows.values()];
    expect(row.responseBody?.toString('latin1')).not.toContain('sk_live_new_plaintext');
  });

  it.each([
    ['body', { body: { name: 'b', role: 'admin' } }],
    ['path', { url: '/v1/users' }],
    ['credential', { credential: 'sk_live_other' }],
  ])('is IDEMPOTENCY_KEY_REUSED when the %s differs', async (_what, change) => {
    const { useCase } = setup();
    await executeOnce(useCase, request(), { ok: 1 });
    await expect(useCase.execute(request(change))).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('is IDEMPOTENCY_REQUEST_IN_PROGRESS while the first request runs', async () => {
    const { useCase } = setup();
    await expect(useCase.execute(request())).resolves.toMatchObject({ kind: 'execute' });
    await expect(useCase.execute(request())).rejects.toMatchObject({ code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS' });
  });

  it('lets a request refused outright run again (a 4xx or 503 releases the key)', async () => {
    const { useCase } = setup();
    for (const refusal of [DomainError.validation([{ field: 'name', message: 'required' }]), new DomainError('SERVICE_UNAVAILABLE')]) {
      const first = await useCase.execute(request());
      if (first.kind !== 'execute') throw new Error('expected execute');
      await first.abandon(refusal);
      const again = await useCase.execute(request());
      expect(again).toMatchObject({ kind: 'execute' });
      if (again.kind === 'execute') await again.abandon(refusal);
    }
  });

  it('keeps the key of a request that may have been applied (timeout) bound to it until the lease ends, then lets a retry take over', async () => {
    const { useCase, store } = setup();
    const first = await useCase.execute(request());
    if (first.kind !== 'execute') throw new Error('expected execute');
    await first.abandon(new DomainError('UPSTREAM_TIMEOUT'));
    store.now = 15_000;
    await expect(useCase.execute(request())).rejects.toMatchObject({ code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS', extra: { retryAfterSeconds: 45 } });
    await expect(useCase.execute(request({ body: { name: 'other' } }))).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    await first.abandon(new Error('socket hang up')); // unknown errors keep it too
    store.now = 60_000;
    const retry = await useCase.execute(request());
    expect(retry).toMatchObject({ kind: 'execute', keyId: first.keyId }); // the same key id reaches the service again
  });

  it('scopes keys per organization', async () => {
    const { useCase } = setup();
    await executeOnce(useCase, request(), { ok: 1 });
    const other: Principal = { kind: 'organization', organizationId: ORG_B, keyId: 'key-2', role: 'admin' };
    await expect(useCase.execute(request({ principal: other, credential: 'sk_live_b' }))).resolves.toMatchObject({ kind: 'execute' });
  });

  it.each(['', 'has space', 'x'.repeat(256), 'ünicode'])('is VALIDATION_FAILED for a malformed key %p', async (key) => {
    const { useCase, store } = setup();
    await expect(useCase.execute(request({ key }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(store.rows.size).toBe(0);
  });
});
