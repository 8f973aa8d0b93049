import type { OrgId, Tx } from '@santral/persistence';
import type { Clock, OrganizationSettingsRepository, StoredSettings } from '@santral/service-kit';
import { ORG_A } from '../../test/fakes';
import { InMemoryMessageRules } from '../../test/message-rule-fakes';
import type { MessageRule } from './message-rule';
import { MissedCallMessage } from './missed-call-message';

const tx = {} as Tx;
const CALL_1 = '0190d000-0000-7000-8000-000000000001';
const CALL_2 = '0190d000-0000-7000-8000-000000000002';
const ACCOUNT = '0190e000-0000-7000-8000-000000000001';
const call = { from: '+905551234567', to: '+902125551212', providerAccountId: ACCOUNT };

function setup(now = '2026-03-02T18:00:00Z') {
  const rules = new InMemoryMessageRules();
  const clock = { now: () => new Date(now) } as Clock;
  const settings = { get: async <T>(): Promise<StoredSettings<T>> => ({ settings: { timeZone: 'Europe/Istanbul' } as T, eventTime: new Date() }) } as unknown as OrganizationSettingsRepository;
  const add = (over: Partial<MessageRule>) =>
    rules.addIfNameFree(ORG_A as OrgId, {
      id: '0190f000-0000-7000-8000-000000000001', organizationId: ORG_A, name: 'After hours', active: true, channel: 'sms', calledNumbers: [], when: 'always', businessHours: [],
      template: 'We missed your call to {{calledNumber}}', windowHours: 24, callbackAfterMinutes: 15, priority: 100, ...over,
    });
  return { rules, add, message: new MissedCallMessage(rules, settings, clock) };
}

describe('MissedCallMessage (F3): "we missed your call" once per caller per window', () => {
  it('a matching rule: one telephony.sms.send.v1 from the called number to the caller, on the call’s account, and its callback delay', async () => {
    const { add, message } = setup();
    await add({});
    const d = await message.decide(tx, ORG_A, CALL_1, call);
    expect(d.callbackAfterMinutes).toBe(15);
    expect(d.sms).toMatchObject({
      type: 'telephony.sms.send.v1',
      data: { organizationId: ORG_A, smsId: expect.any(String), providerAccountId: ACCOUNT, from: '+902125551212', to: '+905551234567', body: 'We missed your call to +902125551212', callId: CALL_1 },
    });
  });

  it('the same call again, or another call of the caller within the window: no second message (the delay still applies)', async () => {
    const { add, message, rules } = setup();
    await add({});
    const first = await message.decide(tx, ORG_A, CALL_1, call);
    await expect(message.decide(tx, ORG_A, CALL_1, call)).resolves.toEqual({ callbackAfterMinutes: 15 });
    await expect(message.decide(tx, ORG_A, CALL_2, call)).resolves.toEqual({ callbackAfterMinutes: 15 });
    rules.now += 24 * 3_600_000;
    const later = await message.decide(tx, ORG_A, CALL_2, call);
    expect(later.sms?.data).toMatchObject({ callId: CALL_2 });
    expect((later.sms?.data as { smsId: string }).smsId).not.toBe((first.sms?.data as { smsId: string }).smsId);
  });

  it('smsId is deterministic from call and rule', async () => {
    const a = setup();
    const b = setup();
    await a.add({});
    await b.add({});
    const [x, y] = [await a.message.decide(tx, ORG_A, CALL_1, call), await b.message.decide(tx, ORG_A, CALL_1, call)];
    expect(x.sms?.subject).toBe(y.sms?.subject);
  });

  it('no rule, or a call inside business hours with an outside-hours rule: nothing', async () => {
    await expect(setup().message.decide(tx, ORG_A, CALL_1, call)).resolves.toEqual({ callbackAfterMinutes: null });
    const { add, message } = setup('2026-03-02T09:00:00Z'); // 12:00 in Istanbul, a Monday
    await add({ when: 'outside_business_hours', businessHours: [{ start: '09:00', end: '18:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] }] });
    await expect(message.decide(tx, ORG_A, CALL_1, call)).resolves.toEqual({ callbackAfterMinutes: null });
  });
});
