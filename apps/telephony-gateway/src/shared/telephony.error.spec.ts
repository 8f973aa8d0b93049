import { CommonErrorCode, DomainError, problemFor, TelephonyErrorCode } from '@santral/contracts';
import { toRpcWireError } from '@santral/messaging';
import { TelephonyError } from './telephony.error';

const CODES = [...Object.values(TelephonyErrorCode), ...Object.values(CommonErrorCode)];

describe('TelephonyError', () => {
  it('is a DomainError', () => {
    expect(new TelephonyError('PROVIDER_ACCOUNT_NOT_FOUND')).toBeInstanceOf(DomainError);
  });

  it.each(CODES)('%s crosses NATS with its own code and status, detail and extras intact', (code) => {
    const error = new TelephonyError(code, 'what happened', { accountId: 'a1' });
    const rebuilt = DomainError.fromWire(JSON.parse(JSON.stringify(toRpcWireError(error))));
    expect(rebuilt).toMatchObject({ code, detail: 'what happened', extra: { accountId: 'a1' } });
    expect(rebuilt.toProblem().status).toBe(problemFor(code).status);
    expect(error.status).toBe(problemFor(code).status);
  });
});
