import { DomainError } from '@santral/contracts';
import { InMemoryDnc, InMemoryIdempotentCommands, ORG_A, ORG_B, organizationNumbers } from '../../test/fakes';
import { AddDncNumbersUseCase } from './add-dnc-numbers.use-case';
import { ListDncEntriesUseCase } from './list-dnc-entries.use-case';
import { RemoveDncEntryUseCase } from './remove-dnc-entry.use-case';

describe('the do-not-call list', () => {
  const setup = () => {
    const dnc = new InMemoryDnc();
    const numbers = organizationNumbers({ [ORG_A]: { defaultCountry: 'TR' }, [ORG_B]: { defaultCountry: 'GB' } });
    const commands = new InMemoryIdempotentCommands();
    return {
      dnc,
      commands,
      add: new AddDncNumbersUseCase(dnc, numbers, commands),
      list: new ListDncEntriesUseCase(dnc, numbers),
      remove: new RemoveDncEntryUseCase(dnc),
    };
  };

  it('stores the valid numbers in E.164 with the organization country and reports the others by index, with their code and reason', async () => {
    const { add, dnc } = setup();
    const reply = await add.execute({ organizationId: ORG_A, numbers: ['0555 123 45 67', 'abc', '+44 20 7946 0958', '0555 12'], reason: ' asked ' });
    expect(reply).toEqual({
      added: 2,
      alreadyListed: 0,
      entries: [
        { index: 0, id: expect.any(String), number: '+905551234567', added: true },
        { index: 2, id: expect.any(String), number: '+442079460958', added: true },
      ],
      rejected: [
        { index: 1, code: 'NOT_A_NUMBER', reason: expect.stringMatching(/^Invalid phone number format: /) },
        { index: 3, code: 'TOO_SHORT', reason: expect.stringMatching(/too short for TR/) },
      ],
    });
    expect(dnc.rows.map((r) => [r.number, r.reason])).toEqual([['+905551234567', 'asked'], ['+442079460958', 'asked']]);
  });

  it('is idempotent on the number, whatever its form: a second add, or a second form in one request, adds nothing', async () => {
    const { add, dnc } = setup();
    const first = await add.execute({ organizationId: ORG_A, numbers: ['+90 555 123 45 67'] });
    const again = await add.execute({ organizationId: ORG_A, numbers: ['05551234567', '(0555) 123-45-67', '905551234567'] });
    expect(again.added).toBe(0);
    expect(again.alreadyListed).toBe(3);
    expect(new Set(again.entries.map((e) => e.id))).toEqual(new Set([first.entries[0]!.id]));
    const mixed = await add.execute({ organizationId: ORG_A, numbers: ['0532 000 00 01', '+905320000001'] });
    expect(mixed.entries.map((e) => e.added)).toEqual([true, false]);
    expect(mixed).toMatchObject({ added: 1, alreadyListed: 1 });
    expect(dnc.rows).toHaveLength(2);
  });

  it('stores nothing for a request of only bad numbers, and writes in the command’s transaction', async () => {
    const { add, dnc, commands } = setup();
    const reply = await add.execute({ organizationId: ORG_A, numbers: ['x', ''] });
    expect(reply).toMatchObject({ added: 0, alreadyListed: 0, entries: [] });
    expect(reply.rejected.map((r) => r.index)).toEqual([0, 1]);
    expect(dnc.rows).toHaveLength(0);
    expect(dnc.txs).toEqual([commands.transactions.tx]);
  });

  it('answers a retry with the same idempotency key with the first answer', async () => {
    const { add, dnc } = setup();
    const first = await add.execute({ organizationId: ORG_A, numbers: ['05551234567'], idempotencyKey: 'k1' });
    await add.execute({ organizationId: ORG_A, numbers: ['05551234567'], idempotencyKey: 'k1' }).then((again) => expect(again).toEqual(first));
    expect(dnc.rows).toHaveLength(1);
  });

  it('refuses, as retryable, an organization whose settings (default country) the dialer has not received', async () => {
    const { add, dnc } = setup();
    await expect(add.execute({ organizationId: '0190d000-0000-7000-8000-00000000000d', numbers: ['05551234567'] })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(dnc.rows).toHaveLength(0);
  });

  it('matches a number in any form (isOnDnc on the E.164 form, ?number= lookup) and only within its organization', async () => {
    const { add, list, dnc } = setup();
    await add.execute({ organizationId: ORG_A, numbers: ['+90 555 123 45 67'] });
    await expect(dnc.isOnDnc(ORG_A, '+905551234567')).resolves.toBe(true);
    await expect(dnc.isOnDnc(ORG_B, '+905551234567')).resolves.toBe(false);
    for (const form of ['0555 123 45 67', '+905551234567', '0090 555 123 45 67', '90-555-123-45-67']) {
      const page = await list.execute({ organizationId: ORG_A, number: form });
      expect(page.items.map((e) => e.number)).toEqual(['+905551234567']);
    }
    await expect(list.execute({ organizationId: ORG_B, number: '+905551234567' })).resolves.toEqual({ items: [], nextCursor: null });
  });

  it('refuses an unreadable ?number= with its phone code naming the field', async () => {
    const { list } = setup();
    const error = await list.execute({ organizationId: ORG_A, number: 'abc' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'NOT_A_NUMBER', extra: { errors: [{ field: 'number' }] } });
  });

  it('lists newest first a page at a time, and removes by id (another organization’s id is NOT_FOUND)', async () => {
    const { add, list, remove, dnc } = setup();
    await add.execute({ organizationId: ORG_A, numbers: ['05320000001', '05320000002', '05320000003'] });
    const first = await list.execute({ organizationId: ORG_A, limit: 2 });
    expect(first.items.map((e) => e.number)).toEqual(['+905320000003', '+905320000002']);
    const second = await list.execute({ organizationId: ORG_A, limit: 2, cursor: first.nextCursor! });
    expect(second).toEqual({ items: [expect.objectContaining({ number: '+905320000001' })], nextCursor: null });

    const id = second.items[0]!.id;
    await expect(remove.execute({ organizationId: ORG_B, id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(remove.execute({ organizationId: ORG_A, id })).resolves.toEqual({ id, number: '+905320000001' });
    await expect(remove.execute({ organizationId: ORG_A, id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(dnc.rows).toHaveLength(2);
  });
});
