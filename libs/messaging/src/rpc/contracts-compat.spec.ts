import { DomainError, validatePayload } from '@santral/contracts';
import type { PayloadValidator } from '../events/validation';
import { toRpcWireError } from './rpc-wire';

describe('fits libs/contracts', () => {
  it('carries a DomainError so that DomainError.fromWire rebuilds it', () => {
    const original = new DomainError('INTERNAL', 'boom detail', { a: 1 });
    const wire = toRpcWireError(original);
    expect(wire).toMatchObject({ code: 'INTERNAL', message: 'boom detail', status: original.status });
    const rebuilt = DomainError.fromWire(JSON.parse(JSON.stringify(wire)));
    expect(rebuilt).toMatchObject({ code: 'INTERNAL', detail: 'boom detail', extra: { a: 1 } });
  });

  it('takes the contracts registry validator as the payload validator', () => {
    const validator: PayloadValidator = validatePayload;
    expect(validator('no.such.subject.v1', {}).ok).toBe(false);
  });
});
