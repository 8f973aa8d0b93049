import { InMemoryHotlines, InMemoryIdempotentCommands, ORG_A, ORG_B, organizationNumbers } from '../../test/fakes';
import { asOrgId } from '@santral/persistence';
import { CreateHotlineUseCase } from './create-hotline.use-case';
import { GetHotlineUseCase } from './get-hotline.use-case';
import { HotlineCheck } from './hotline.check';
import { ListHotlinesUseCase } from './list-hotlines.use-case';
import { UpdateHotlineUseCase } from './update-hotline.use-case';

describe('caller numbers (hotlines)', () => {
  const setup = () => {
    const hotlines = new InMemoryHotlines();
    const numbers = organizationNumbers({ [ORG_A]: { defaultCountry: 'TR' }, [ORG_B]: { defaultCountry: 'TR' } });
    return {
      hotlines,
      create: new CreateHotlineUseCase(hotlines, numbers, new InMemoryIdempotentCommands()),
      list: new ListHotlinesUseCase(hotlines),
      get: new GetHotlineUseCase(hotlines),
      update: new UpdateHotlineUseCase(hotlines),
      check: new HotlineCheck(hotlines),
    };
  };

  it('creates one with its number in E.164, outbound allowed and every group by default', async () => {
    const { create, get } = setup();
    const created = await create.execute({ organizationId: ORG_A, number: '0212 555 12 12', label: ' Istanbul ' });
    expect(created).toEqual({
      id: expect.any(String),
      number: '+902125551212',
      label: 'Istanbul',
      outboundAllowed: true,
      allowedGroups: [],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    await expect(get.execute({ organizationId: ORG_A, id: created.id })).resolves.toEqual(created);
    await expect(get.execute({ organizationId: ORG_B, id: created.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses an unreadable number (its phone code, field number) and a number the organization already has (CONFLICT); another organization may have it', async () => {
    const { create, hotlines } = setup();
    await expect(create.execute({ organizationId: ORG_A, number: '12', label: 'x' })).rejects.toMatchObject({ code: 'TOO_SHORT', extra: { errors: [{ field: 'number' }] } });
    await create.execute({ organizationId: ORG_A, number: '+902125551212', label: 'a' });
    await expect(create.execute({ organizationId: ORG_A, number: '0212 555 1212', label: 'b' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(create.execute({ organizationId: ORG_B, number: '0212 555 1212', label: 'b' })).resolves.toMatchObject({ number: '+902125551212' });
    expect(hotlines.rows).toHaveLength(2);
  });

  it('replays a create with the same idempotency key', async () => {
    const { create, hotlines } = setup();
    const first = await create.execute({ organizationId: ORG_A, number: '+902125551212', label: 'a', idempotencyKey: 'k' });
    await expect(create.execute({ organizationId: ORG_A, number: '+902125551212', label: 'a', idempotencyKey: 'k' })).resolves.toEqual(first);
    expect(hotlines.rows).toHaveLength(1);
  });

  it('updates only the given fields, refuses an empty patch, and another organization’s id is NOT_FOUND', async () => {
    const { create, update } = setup();
    const h = await create.execute({ organizationId: ORG_A, number: '+902125551212', label: 'a', allowedGroups: ['sales'] });
    await expect(update.execute({ organizationId: ORG_A, id: h.id, outboundAllowed: false })).resolves.toMatchObject({ label: 'a', outboundAllowed: false, allowedGroups: ['sales'] });
    await expect(update.execute({ organizationId: ORG_A, id: h.id, allowedGroups: [] })).resolves.toMatchObject({ outboundAllowed: false, allowedGroups: [] });
    await expect(update.execute({ organizationId: ORG_A, id: h.id })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(update.execute({ organizationId: ORG_B, id: h.id, label: 'mine' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists the organization’s own, newest first', async () => {
    const { create, list } = setup();
    await create.execute({ organizationId: ORG_A, number: '+902125551211', label: 'one' });
    await create.execute({ organizationId: ORG_A, number: '+902125551212', label: 'two' });
    await create.execute({ organizationId: ORG_B, number: '+902125551213', label: 'theirs' });
    const page = await list.execute({ organizationId: ORG_A });
    expect(page.items.map((h) => h.label)).toEqual(['two', 'one']);
    expect(page.nextCursor).toBeNull();
  });

  it('the pre-dial check: unknown → FROM_NUMBER_NOT_FOUND; barred or group not allowed → FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT', async () => {
    const { create, update, check } = setup();
    const org = asOrgId(ORG_A);
    const h = await create.execute({ organizationId: ORG_A, number: '+902125551212', label: 'a', allowedGroups: ['sales'] });
    await expect(check.assertMayCallFrom(org, '+902125559999', ['sales'])).rejects.toMatchObject({ code: 'FROM_NUMBER_NOT_FOUND' });
    await expect(check.assertMayCallFrom(asOrgId(ORG_B), '+902125551212', ['sales'])).rejects.toMatchObject({ code: 'FROM_NUMBER_NOT_FOUND' });
    await expect(check.assertMayCallFrom(org, '+902125551212', ['support'])).rejects.toMatchObject({ code: 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT' });
    await expect(check.assertMayCallFrom(org, '+902125551212', ['sales'])).resolves.toMatchObject({ id: h.id });
    await update.execute({ organizationId: ORG_A, id: h.id, outboundAllowed: false });
    await expect(check.assertMayCallFrom(org, '+902125551212', ['sales'])).rejects.toMatchObject({ code: 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT' });
  });
});
