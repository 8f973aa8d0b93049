import { firstMatchingRule, messageRuleErrors, renderTemplate, ruleMatches, type MessageRule } from './message-rule';

const rule = (over: Partial<MessageRule> = {}): MessageRule => ({
  id: 'r1',
  organizationId: 'o',
  name: 'After hours',
  active: true,
  channel: 'sms',
  calledNumbers: [],
  when: 'always',
  businessHours: [],
  template: 'We missed your call',
  windowHours: 24,
  callbackAfterMinutes: null,
  priority: 100,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...over,
});

const WEEKDAY_9_TO_18 = [{ start: '09:00', end: '18:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const }].map((w) => ({ ...w, days: [...w.days] }));
// 2026-03-02 is a Monday; Istanbul is UTC+3.
const at = (iso: string) => new Date(iso);
const call = (over: Partial<{ calledNumber: string; at: Date; timeZone: string }> = {}) => ({
  calledNumber: '+902125551212', callerNumber: '+905551234567', at: at('2026-03-02T09:00:00Z'), timeZone: 'Europe/Istanbul', ...over,
});

describe('message rules: which missed call a rule matches (F3)', () => {
  it.each([
    ['always, any number', rule(), call(), true],
    ['inactive never', rule({ active: false }), call(), false],
    ['its number', rule({ calledNumbers: ['+902125551212'] }), call(), true],
    ['another number', rule({ calledNumbers: ['+902125559999'] }), call(), false],
    ['outside hours at 12:00 local Monday', rule({ when: 'outside_business_hours', businessHours: WEEKDAY_9_TO_18 }), call(), false],
    ['inside hours at 12:00 local Monday', rule({ when: 'inside_business_hours', businessHours: WEEKDAY_9_TO_18 }), call(), true],
    ['outside hours at 20:00 local Monday', rule({ when: 'outside_business_hours', businessHours: WEEKDAY_9_TO_18 }), call({ at: at('2026-03-02T17:00:00Z') }), true],
    ['outside hours at 08:59 local Monday', rule({ when: 'outside_business_hours', businessHours: WEEKDAY_9_TO_18 }), call({ at: at('2026-03-02T05:59:00Z') }), true],
    ['outside hours on Sunday noon', rule({ when: 'outside_business_hours', businessHours: WEEKDAY_9_TO_18 }), call({ at: at('2026-03-01T09:00:00Z') }), true],
    ['inside hours read in the organization zone (UTC: 09:00 is inside)', rule({ when: 'inside_business_hours', businessHours: WEEKDAY_9_TO_18 }), call({ at: at('2026-03-02T17:30:00Z'), timeZone: 'UTC' }), true],
    ['hours outside the campaigns’ 09–19 bounds count (late evening shift)', rule({ when: 'inside_business_hours', businessHours: [{ start: '20:00', end: '23:00' }] }), call({ at: at('2026-03-02T18:30:00Z') }), true],
  ] as const)('%s', (_name, r, c, expected) => {
    expect(ruleMatches(r, c)).toBe(expected);
  });

  it('the first matching active rule wins: lower priority first, then the older', () => {
    const late = rule({ id: 'late', priority: 1, when: 'inside_business_hours', businessHours: [{ start: '20:00', end: '23:00' }] });
    const b = rule({ id: 'b', priority: 5, createdAt: new Date(2) });
    const a = rule({ id: 'a', priority: 5, createdAt: new Date(1) });
    const off = rule({ id: 'off', priority: 0, active: false });
    expect(firstMatchingRule([b, late, off, a], call())?.id).toBe('a');
    expect(firstMatchingRule([late, off], call())).toBeNull();
  });
});

describe('message rules: the template', () => {
  it('fills callerNumber and calledNumber, with or without spaces, every time they appear', () => {
    expect(renderTemplate('Hi {{callerNumber}}, you called {{ calledNumber }}. {{callerNumber}}', { callerNumber: '+905551234567', calledNumber: '+902125551212' }))
      .toBe('Hi +905551234567, you called +902125551212. +905551234567');
  });

  it('refuses an unknown variable, naming it', () => {
    expect(messageRuleErrors({ template: 'Dear {{name}}, {{callerNumber}}', when: 'always', businessHours: [] })).toEqual([
      { field: 'template', message: expect.stringContaining('{{name}}') },
    ]);
    expect(messageRuleErrors({ template: 'Plain text', when: 'always', businessHours: [] })).toEqual([]);
  });

  it('asks business hours unless always, and checks them like calling windows', () => {
    expect(messageRuleErrors({ template: 'x', when: 'outside_business_hours', businessHours: [] })).toEqual([{ field: 'businessHours', message: expect.any(String) }]);
    expect(messageRuleErrors({ template: 'x', when: 'inside_business_hours', businessHours: [{ start: '18:00', end: '09:00' }] })).toEqual([{ field: 'businessHours.0.end', message: 'must be after start' }]);
    expect(messageRuleErrors({ template: 'x', when: 'inside_business_hours', businessHours: WEEKDAY_9_TO_18 })).toEqual([]);
  });
});
