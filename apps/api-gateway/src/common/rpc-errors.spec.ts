import { DomainError } from '@santral/contracts';
import { RpcNoRespondersError, RpcRemoteError, RpcTimeoutError, toRpcWireError } from '@santral/messaging';
import { fromRpcError } from './rpc-errors';

const SUBJECT = 'rpc.telephony.provider_account.get';

describe('fromRpcError', () => {
  it('keeps the stable code, detail and field errors of a DomainError reply', () => {
    const errors = [{ field: 'secrets.authToken', message: 'secrets.authToken is required' }];
    const error = fromRpcError(new RpcRemoteError(SUBJECT, toRpcWireError(DomainError.validation(errors, 'secrets.authToken: required'))), 'telephony-gateway');
    expect(error).toBeInstanceOf(DomainError);
    expect(error.toProblem()).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', detail: 'secrets.authToken: required', errors });
  });

  it('turns a coded reply that is not a DomainError into INTERNAL, whatever its code and status', () => {
    const wire = { code: 'PROVIDER_ACCOUNT_NOT_FOUND', message: 'no such account', status: 404, details: { id: 'x' } };
    expect(fromRpcError(new RpcRemoteError(SUBJECT, wire), 'telephony-gateway').toProblem()).toMatchObject({ status: 500, code: 'INTERNAL' });
  });

  it("rebuilds contracts' DomainError wire object, taking the status from the code, not the reply", () => {
    const wire = { ...new DomainError('PROVIDER_ACCOUNT_NOT_FOUND', 'no such account').toWire(), message: 'no such account', status: 200 };
    expect(fromRpcError(new RpcRemoteError(SUBJECT, wire), 'telephony-gateway').toProblem()).toMatchObject({
      status: 404,
      code: 'PROVIDER_ACCOUNT_NOT_FOUND',
      detail: 'no such account',
    });
  });

  it('turns a code this gateway does not know into INTERNAL without showing the reply', () => {
    const problem = fromRpcError(new RpcRemoteError(SUBJECT, { code: 'RPC_BAD_REQUEST', message: 'db password is hunter2', status: 400 }), 'telephony-gateway').toProblem();
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });

  it.each([
    ['no responder', 503, 'SERVICE_UNAVAILABLE', new RpcNoRespondersError(SUBJECT)],
    ['a closed NATS connection', 503, 'SERVICE_UNAVAILABLE', new Error('connection closed')],
    ['no reply in time', 504, 'UPSTREAM_TIMEOUT', new RpcTimeoutError(SUBJECT, 5000)],
  ])('maps %s to %i %s naming the service', (_name, status, code, thrown) => {
    const problem = fromRpcError(thrown, 'telephony-gateway').toProblem();
    expect(problem).toMatchObject({ status, code, detail: expect.stringContaining('telephony-gateway') });
    expect(problem).not.toHaveProperty('cause');
  });
});
