import {
  BillingErrorCode,
  CampaignErrorCode,
  CAMPAIGN_START_CHECK_ORDER,
  CommonErrorCode,
  DIALING_PRECHECK_ORDER,
  DialingErrorCode,
  DomainError,
  ERROR_CODES,
  ErrorCodes,
  PhoneErrorCode,
  isErrorCode,
  problemFor,
  problemTypeFor,
  type ErrorCode,
  type ProblemInfo,
} from '../index';

describe('error codes', () => {
  it('are upper snake case, and each enum maps every key to itself', () => {
    for (const group of Object.values(ErrorCodes)) {
      for (const [key, value] of Object.entries(group)) {
        expect(value).toBe(key);
        expect(value).toMatch(/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/);
      }
    }
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it.each(ERROR_CODES.map((code) => [code]))('%s maps to an HTTP problem', (code) => {
    const { status, title } = problemFor(code);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(600);
    expect(title).toMatch(/^[A-Z]/);
    expect(problemTypeFor(code)).toMatch(/^urn:santral:problem:[a-z0-9-]+$/);
  });

  it('shares one code between contexts rather than inventing two', () => {
    expect(DialingErrorCode.INSUFFICIENT_CREDITS).toBe(BillingErrorCode.INSUFFICIENT_CREDITS);
    expect(DialingErrorCode.INVALID_PHONE_NUMBER).toBe(PhoneErrorCode.INVALID_PHONE_NUMBER);
    expect(CampaignErrorCode.AGENT_INACTIVE).toBe(DialingErrorCode.AGENT_INACTIVE);
  });

  it('keeps the E4 pre-dial check order', () => {
    expect(DIALING_PRECHECK_ORDER).toEqual([
      'INSUFFICIENT_CREDITS',
      'AGENT_INACTIVE',
      'AGENT_INCOMPLETE',
      'FROM_NUMBER_NOT_FOUND',
      'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT',
      'INVALID_PHONE_NUMBER',
      'TO_NUMBER_NOT_ALLOWS_CALLOUT',
      'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL',
    ]);
    expect(CAMPAIGN_START_CHECK_ORDER).toContain('CAMPAIGN_LIST_EMPTY');
  });

  it('uses the wording of the requirements', () => {
    expect(problemFor('INVALID_PHONE_NUMBER').title).toBe('Invalid phone number format');
    expect(problemFor('INSUFFICIENT_CREDITS')).toEqual({ status: 402, title: 'Insufficient credits' });
    expect(problemFor(CommonErrorCode.RATE_LIMITED).status).toBe(429);
  });

  it('recognizes codes', () => {
    expect(isErrorCode('AGENT_INCOMPLETE')).toBe(true);
    expect(isErrorCode('agent_incomplete')).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
  });

  it('makes a missing mapping a compile error', () => {
    // @ts-expect-error — a Record<ErrorCode, ProblemInfo> without every code does not compile
    const partial: Record<ErrorCode, ProblemInfo> = { INTERNAL: { status: 500, title: 'Internal error' } };
    expect(partial.INTERNAL.status).toBe(500);
  });
});

describe('DomainError', () => {
  it('round-trips through JSON on the wire', () => {
    const error = new DomainError('AGENT_INCOMPLETE', 'greetingMessage is required', { missingFields: ['greetingMessage'] });
    const wire = JSON.parse(JSON.stringify(error.toWire()));
    const back = DomainError.fromWire(wire);
    expect(back).toBeInstanceOf(DomainError);
    expect(back).toBeInstanceOf(Error);
    expect([back.code, back.detail, back.extra]).toEqual([error.code, error.detail, error.extra]);
    expect(back.status).toBe(422);
    expect(JSON.parse(JSON.stringify(error))).toEqual(wire);
  });

  it('round-trips without detail or extra', () => {
    const back = DomainError.fromWire(new DomainError('CALL_ALREADY_ENDED').toWire());
    expect([back.code, back.detail, back.extra]).toEqual(['CALL_ALREADY_ENDED', undefined, {}]);
    expect(back.message).toBe('CALL_ALREADY_ENDED');
  });

  it('turns an unknown code or a foreign error reply into INTERNAL, keeping what it can', () => {
    const unknown = DomainError.fromWire({ kind: 'santral.domain-error', code: 'FUTURE_CODE', detail: 'x' });
    expect([unknown.code, unknown.detail, unknown.extra]).toEqual(['INTERNAL', 'x', { unknownCode: 'FUTURE_CODE' }]);
    const foreign = DomainError.fromWire({ status: 'error', message: 'Internal server error' });
    expect([foreign.code, foreign.detail]).toEqual(['INTERNAL', 'Internal server error']);
    expect(DomainError.fromWire(undefined).code).toBe('INTERNAL');
  });

  it('renders RFC 9457 problem details with extensions', () => {
    const error = DomainError.validation([{ field: 'to', message: 'to must be an E.164 phone number' }]);
    expect(error.toProblem('/v1/calls')).toEqual({
      type: 'urn:santral:problem:validation-failed',
      title: 'Validation failed',
      status: 422,
      code: 'VALIDATION_FAILED',
      detail: 'The request is not valid',
      instance: '/v1/calls',
      errors: [{ field: 'to', message: 'to must be an E.164 phone number' }],
    });
  });

  it('never lets extra overwrite standard members, and hides extras of server errors', () => {
    const sneaky = new DomainError('NOT_FOUND', undefined, { status: 200, code: 'OK', campaignId: 'c1' });
    expect(sneaky.toProblem()).toMatchObject({ status: 404, code: 'NOT_FOUND', campaignId: 'c1' });
    const internal = new DomainError('INTERNAL', 'boom', { stack: 'secret' });
    expect(internal.toProblem()).not.toHaveProperty('stack');
  });
});
