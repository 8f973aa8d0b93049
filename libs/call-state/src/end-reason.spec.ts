import {
  END_REASON_CODES,
  END_REASON_TAXONOMY,
  type EndReasonCode,
  endReasonCodeForProviderCode,
  endReasonCodeForSipCause,
  endReasonFor,
  isEndReasonCode,
} from './index';

// Written by hand from DESIGN §7, REQUIREMENTS E1/E3/E4/E5/H2 and seeds 000/003.
// [usual status, fault, billable, retryable]
type Row = readonly [string, string, boolean, boolean];
const EXPECTED: { readonly [code: string]: Row } = {
  completed: ['ended', 'none', true, false],
  customer_hung_up: ['ended', 'none', true, false],
  agent_hung_up: ['ended', 'none', true, false],
  operator_hung_up: ['ended', 'none', true, false],
  voicemail: ['ended', 'customer', true, true],
  no_answer: ['no_answer', 'customer', true, true],
  caller_abandoned: ['no_answer', 'customer', false, false],
  busy: ['busy', 'customer', true, true],
  rejected: ['failed', 'customer', true, true],
  invalid_number: ['failed', 'configuration', true, false],
  insufficient_credits: ['failed', 'configuration', false, true],
  agent_inactive: ['failed', 'configuration', false, true],
  agent_incomplete: ['failed', 'configuration', false, true],
  dnc_blocked: ['failed', 'configuration', false, false],
  transfer_failed: ['failed', 'configuration', true, false],
  provider_error: ['failed', 'carrier', false, true],
  cancelled_by_user: ['cancelled', 'none', false, false],
  queue_timeout: ['failed', 'platform', false, true],
  capacity_exceeded: ['failed', 'configuration', false, false],
  stuck_watchdog: ['failed', 'platform', false, true],
  lost_provider_events: ['failed', 'carrier', false, true],
  FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT: ['failed', 'configuration', false, true],
  FROM_NUMBER_NOT_FOUND: ['failed', 'configuration', false, true],
  AGENT_FROM_NOT_FOUND: ['failed', 'configuration', false, true],
  TO_NUMBER_NOT_ALLOWS_CALLOUT: ['failed', 'configuration', false, false],
  AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL: ['failed', 'configuration', false, true],
  REQUEST_ANSWER_URL_ERROR: ['failed', 'platform', false, true],
};

describe('end reason taxonomy', () => {
  it('has exactly the expected codes, and a rule for each', () => {
    expect([...END_REASON_CODES].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(Object.keys(END_REASON_TAXONOMY).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s → %j', (code, [status, fault, billable, retryable]) => {
    expect(END_REASON_TAXONOMY[code as EndReasonCode]).toEqual({
      status,
      fault,
      billable,
      retryable,
      description: expect.stringMatching(/\S/),
    });
    expect(endReasonFor(code as EndReasonCode)).toEqual({ status, reason: code, fault, billable });
  });

  it('endReasonFor keeps the terminal state reached and the raw provider facts', () => {
    expect(endReasonFor('busy', { status: 'failed', providerCode: 'USER_BUSY', sipCause: 486 })).toEqual({
      status: 'failed',
      reason: 'busy',
      fault: 'customer',
      billable: true,
      providerCode: 'USER_BUSY',
      sipCause: 486,
    });
  });

  it('recognizes its codes and nothing else', () => {
    expect(isEndReasonCode('FROM_NUMBER_NOT_FOUND')).toBe(true);
    expect(isEndReasonCode('from_number_not_found')).toBe(false);
    expect(isEndReasonCode('toString')).toBe(false);
  });
});

describe('SIP cause → end reason', () => {
  it.each([
    [486, 'busy'],
    [600, 'busy'],
    [480, 'no_answer'],
    [408, 'no_answer'],
    [487, 'no_answer'],
    [404, 'invalid_number'],
    [484, 'invalid_number'],
    [410, 'invalid_number'],
    [604, 'invalid_number'],
    [403, 'rejected'],
    [603, 'rejected'],
    [500, 'provider_error'],
    [503, 'provider_error'],
    [502, 'provider_error'],
    [488, 'provider_error'],
    [302, 'provider_error'],
    [606, 'rejected'],
  ])('%i → %s', (sipCause, reason) => {
    expect(endReasonCodeForSipCause(sipCause)).toBe(reason);
  });

  it.each([200, 183, 0, 700, 486.5, Number.NaN])('%d is not a failure cause', (sipCause) => {
    expect(endReasonCodeForSipCause(sipCause)).toBeUndefined();
  });
});

describe('provider code → end reason', () => {
  it.each([
    ['FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT', 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT'],
    ['FROM_NUMBER_NOT_FOUND', 'FROM_NUMBER_NOT_FOUND'],
    ['AGENT_FROM_NOT_FOUND', 'AGENT_FROM_NOT_FOUND'],
    ['TO_NUMBER_NOT_ALLOWS_CALLOUT', 'TO_NUMBER_NOT_ALLOWS_CALLOUT'],
    ['AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL', 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL'],
    ['REQUEST_ANSWER_URL_ERROR', 'REQUEST_ANSWER_URL_ERROR'],
    ['INSUFFICIENT_CREDITS', 'insufficient_credits'],
    ['AGENT_INACTIVE', 'agent_inactive'],
    ['AGENT_INCOMPLETE', 'agent_incomplete'],
    ['INVALID_PHONE_NUMBER', 'invalid_number'],
  ])('%s → %s', (providerCode, reason) => {
    expect(endReasonCodeForProviderCode(providerCode)).toBe(reason);
  });

  it.each(['GET_USER_MEDIA_ERROR', 'from_number_not_found', 'constructor', ''])('%j is not mapped', (providerCode) => {
    expect(endReasonCodeForProviderCode(providerCode)).toBeUndefined();
  });
});
