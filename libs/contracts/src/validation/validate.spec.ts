import {
  MESSAGES,
  OrganizationCreatedV1,
  Subjects,
  Rpc,
  jsonSchemaFor,
  samplePayload,
  validatePayload,
  validateReply,
} from '../index';

const ORG = '0190a5b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b';
const CALL = '0190a5b2-3c4d-7e8f-9a0b-000000000001';

const organizationCreated = () => ({
  organizationId: ORG,
  name: 'Kuru Temizleme A.Ş.',
  plan: 'free',
  limits: { concurrentSlots: 3, callsPerHour: 100, minCreditsToStart: 10 },
  defaultCountry: 'TR',
  timeZone: 'Europe/Istanbul',
});

const callEnded = () => ({
  organizationId: ORG,
  callId: CALL,
  providerAccountId: ORG,
  provider: 'twilio',
  providerCallId: 'CA123',
  direction: 'outbound',
  talkSeconds: 62,
  waitSeconds: 9,
  totalSeconds: 71,
  forwardedSeconds: 0,
  endReason: { status: 'busy', reason: 'busy', fault: 'customer', billable: true, providerCode: 'USER_BUSY', sipCause: 486 },
  isLost: false,
  tags: [],
});

describe('validatePayload', () => {
  it('accepts a good organization and returns an instance of its class', () => {
    const result = validatePayload(Subjects.Gateway.OrganizationCreated, organizationCreated());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value).toBeInstanceOf(OrganizationCreatedV1);
      expect(result.value.limits.concurrentSlots).toBe(3);
    }
  });

  it.each([
    ['a nested limit out of range', { limits: { concurrentSlots: 0, callsPerHour: 100, minCreditsToStart: 10 } }, 'limits.concurrentSlots'],
    ['a non-integer slot count', { limits: { concurrentSlots: 2.5, callsPerHour: 100, minCreditsToStart: 10 } }, 'limits.concurrentSlots'],
    ['an unknown property', { color: 'red' }, 'color'],
    ['a lower-case country', { defaultCountry: 'tr' }, 'defaultCountry'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['an id that is not a UUID', { organizationId: 'org-1' }, 'organizationId'],
    ['a number given as a string', { limits: { concurrentSlots: '3', callsPerHour: 100, minCreditsToStart: 10 } }, 'limits.concurrentSlots'],
  ])('rejects an organization with %s', async (_name, patch, field) => {
    const result = validatePayload(Subjects.Gateway.OrganizationCreated, { ...organizationCreated(), ...patch });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.some((error) => error.startsWith(`${field}: `))).toBe(true);
  });

  it('rejects a missing required property', () => {
    const { plan: _plan, ...rest } = organizationCreated();
    const result = validatePayload(Subjects.Gateway.OrganizationCreated, rest);
    expect(result).toMatchObject({ ok: false, fieldErrors: expect.arrayContaining([expect.objectContaining({ field: 'plan' })]) });
  });

  it('accepts a call end with its reason as data, and rejects an unknown reason or fault', () => {
    expect(validatePayload(Subjects.Telephony.CallEnded, callEnded()).ok).toBe(true);
    const badReason = { ...callEnded(), endReason: { ...callEnded().endReason, reason: 'gremlins' } };
    const badFault = { ...callEnded(), endReason: { ...callEnded().endReason, fault: 'moon' } };
    const badSip = { ...callEnded(), endReason: { ...callEnded().endReason, sipCause: 99 } };
    for (const bad of [badReason, badFault, badSip]) expect(validatePayload(Subjects.Telephony.CallEnded, bad).ok).toBe(false);
  });

  it('validates an originate command: E.164 numbers, optional click-to-call leg', () => {
    const originate = {
      organizationId: ORG,
      callId: CALL,
      attempt: 1,
      kind: 'click_to_call',
      providerAccountId: ORG,
      from: '+902125551212',
      to: '+905551234567',
      operatorLeg: { userId: ORG, endpoint: 'sip:ayse@pbx.example.com' },
      ringTimeoutSeconds: 30,
      record: true,
    };
    expect(validatePayload(Subjects.Telephony.OriginateCall, originate).ok).toBe(true);
    expect(validatePayload(Subjects.Telephony.OriginateCall, { ...originate, to: '0555 123 45 67' }).ok).toBe(false);
    expect(validatePayload(Subjects.Telephony.OriginateCall, { ...originate, attempt: 0 }).ok).toBe(false);
    const badLeg = { ...originate, operatorLeg: { userId: ORG, endpoint: 'ayse' } };
    expect(validatePayload(Subjects.Telephony.OriginateCall, badLeg)).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^operatorLeg\.endpoint: /)],
    });
  });

  it('bounds a call request batch', () => {
    const contact = { contactId: CALL, to: '+905551234567', timeZoneSource: 'number' };
    const batch = (n: number) => ({ organizationId: ORG, campaignId: ORG, batchId: CALL, contacts: Array(n).fill(contact) });
    expect(validatePayload(Subjects.Campaign.CallRequested, batch(500)).ok).toBe(true);
    expect(validatePayload(Subjects.Campaign.CallRequested, batch(0)).ok).toBe(false);
    expect(validatePayload(Subjects.Campaign.CallRequested, batch(501)).ok).toBe(false);
  });

  it('requires the screen-pop card exactly when the caller matched', () => {
    const base = { organizationId: ORG, callId: CALL, phone: '+905551234567', operatorUserIds: [] };
    const card = { customerId: ORG, name: 'Ayşe', phones: ['+905551234567'], openTicketCount: 1 };
    expect(validatePayload(Subjects.Ticketing.CustomerMatched, { ...base, matched: false }).ok).toBe(true);
    expect(validatePayload(Subjects.Ticketing.CustomerMatched, { ...base, matched: true, customer: card }).ok).toBe(true);
    expect(validatePayload(Subjects.Ticketing.CustomerMatched, { ...base, matched: true }).ok).toBe(false);
  });

  it.each([null, [], 'text', 42])('rejects %p as a payload', (data) => {
    expect(validatePayload(Subjects.Billing.BalanceLow, data)).toMatchObject({ ok: false });
  });

  it('rejects an unknown subject', () => {
    expect(validatePayload('billing.balance.vanished.v1', {})).toMatchObject({
      ok: false,
      errors: ['unknown subject billing.balance.vanished.v1'],
    });
  });

  it('validates replies of request/reply subjects', () => {
    const reply = { organizationId: ORG, balance: 25.5, reserved: 5, available: 20.5, minCreditsToStart: 10 };
    expect(validateReply(Rpc.Billing.BalanceGet, reply).ok).toBe(true);
    expect(validateReply(Rpc.Billing.BalanceGet, { ...reply, balance: -1 }).ok).toBe(false);
    expect(validateReply(Rpc.Billing.BalanceGet, { ...reply, balance: 1.23456 }).ok).toBe(false);
    expect(validateReply(Subjects.Billing.BalanceLow, {}).ok).toBe(false);
  });
});

describe('JSON Schema and class-validator agree, for every subject', () => {
  const cases = MESSAGES.flatMap((m) => [
    [m.subject, 'payload'] as const,
    ...(m.reply ? [[m.subject, 'reply'] as const] : []),
  ]);
  const check = (subject: string, part: 'payload' | 'reply', data: unknown) =>
    part === 'payload' ? validatePayload(subject, data) : validateReply(subject, data);

  it.each(cases)('%s %s: schema samples pass, schema violations fail', (subject, part) => {
    for (const full of [false, true]) {
      const sample = samplePayload(subject, { part, full }) as Record<string, unknown>;
      const result = check(subject, part, sample);
      expect({ full, errors: result.ok ? [] : result.errors }).toEqual({ full, errors: [] });
      expect(check(subject, part, { ...sample, unexpected: 1 }).ok).toBe(false);
    }
    const schema = jsonSchemaFor(subject, part) as { required?: string[] };
    for (const key of schema.required ?? []) {
      const { [key]: _dropped, ...rest } = samplePayload(subject, { part, full: true }) as Record<string, unknown>;
      expect({ key, ok: check(subject, part, rest).ok }).toEqual({ key, ok: false });
    }
  });
});
