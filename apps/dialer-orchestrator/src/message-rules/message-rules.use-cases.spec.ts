import { InMemoryHotlines, InMemoryIdempotentCommands, ORG_A, ORG_B } from '../../test/fakes';
import { InMemoryMessageRules } from '../../test/message-rule-fakes';
import { CreateMessageRuleUseCase } from './create-message-rule.use-case';
import { DeleteMessageRuleUseCase } from './delete-message-rule.use-case';
import { GetMessageRuleUseCase } from './get-message-rule.use-case';
import { ListMessageRulesUseCase } from './list-message-rules.use-case';
import { MessageRuleChecks } from './message-rule.checks';
import { UpdateMessageRuleUseCase } from './update-message-rule.use-case';

describe('message rules CRUD (F3)', () => {
  const setup = async () => {
    const rules = new InMemoryMessageRules();
    const hotlines = new InMemoryHotlines();
    await hotlines.addIfNumberFree(ORG_A, { id: '0190a100-0000-7000-8000-000000000001', organizationId: ORG_A, number: '+902125551212', label: 'Main', outboundAllowed: true, allowedGroups: [] });
    const checks = new MessageRuleChecks(hotlines);
    return {
      rules,
      create: new CreateMessageRuleUseCase(rules, checks, new InMemoryIdempotentCommands()),
      get: new GetMessageRuleUseCase(rules),
      list: new ListMessageRulesUseCase(rules),
      update: new UpdateMessageRuleUseCase(rules, checks),
      remove: new DeleteMessageRuleUseCase(rules),
    };
  };
  const base = { organizationId: ORG_A, name: 'After hours', channel: 'sms' as const, template: 'We missed your call, {{callerNumber}}' };

  it('creates one with its defaults; another organization’s id is MESSAGE_RULE_NOT_FOUND', async () => {
    const { create, get } = await setup();
    const r = await create.execute(base);
    expect(r).toMatchObject({ name: 'After hours', active: true, channel: 'sms', calledNumbers: [], when: 'always', businessHours: [], windowHours: 24, callbackAfterMinutes: null, priority: 100 });
    await expect(get.execute({ organizationId: ORG_A, id: r.id })).resolves.toEqual(r);
    await expect(get.execute({ organizationId: ORG_B, id: r.id })).rejects.toMatchObject({ code: 'MESSAGE_RULE_NOT_FOUND' });
  });

  it('a taken name is MESSAGE_RULE_NAME_TAKEN (another organization may use it); a replayed key answers the same', async () => {
    const { create, rules } = await setup();
    const first = await create.execute({ ...base, idempotencyKey: 'k' });
    await expect(create.execute({ ...base, idempotencyKey: 'k' })).resolves.toEqual(first);
    await expect(create.execute(base)).rejects.toMatchObject({ code: 'MESSAGE_RULE_NAME_TAKEN' });
    await expect(create.execute({ ...base, organizationId: ORG_B })).resolves.toMatchObject({ name: 'After hours' });
    expect(rules.rows).toHaveLength(2);
  });

  it('refuses an unknown template variable, missing business hours and a number that is not a hotline, naming the field', async () => {
    const { create } = await setup();
    await expect(create.execute({ ...base, template: 'Hi {{firstName}}' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', extra: { errors: [{ field: 'template', message: expect.stringContaining('{{firstName}}') }] } });
    await expect(create.execute({ ...base, when: 'outside_business_hours' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', extra: { errors: [{ field: 'businessHours' }] } });
    await expect(create.execute({ ...base, calledNumbers: ['+902125551212', '+902125559999'] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', extra: { errors: [{ field: 'calledNumbers.1' }] } });
  });

  it('updates only the given fields, checks the result, clears the callback delay with null, deletes', async () => {
    const { create, update, remove, list } = await setup();
    const r = await create.execute({ ...base, callbackAfterMinutes: 30 });
    const other = await create.execute({ ...base, name: 'Other' });
    await expect(update.execute({ organizationId: ORG_A, id: r.id, windowHours: 48, callbackAfterMinutes: null })).resolves.toMatchObject({ name: 'After hours', windowHours: 48, callbackAfterMinutes: null });
    await expect(update.execute({ organizationId: ORG_A, id: r.id, when: 'inside_business_hours' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(update.execute({ organizationId: ORG_A, id: r.id, name: 'Other' })).rejects.toMatchObject({ code: 'MESSAGE_RULE_NAME_TAKEN' });
    await expect(update.execute({ organizationId: ORG_A, id: r.id })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(update.execute({ organizationId: ORG_B, id: r.id, active: false })).rejects.toMatchObject({ code: 'MESSAGE_RULE_NOT_FOUND' });
    await expect(remove.execute({ organizationId: ORG_B, id: r.id })).rejects.toMatchObject({ code: 'MESSAGE_RULE_NOT_FOUND' });
    await expect(remove.execute({ organizationId: ORG_A, id: r.id })).resolves.toEqual({ id: r.id });
    await expect(list.execute({ organizationId: ORG_A })).resolves.toMatchObject({ items: [{ id: other.id }], nextCursor: null });
  });
});
