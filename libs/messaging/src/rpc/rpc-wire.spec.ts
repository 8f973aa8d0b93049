import { RpcException } from '@nestjs/microservices';
import { isRpcReply, RpcRemoteError, toRpcWireError } from './rpc-wire';

describe('toRpcWireError', () => {
  it('uses toWire() of a domain error', () => {
    const err = Object.assign(new Error('x'), { toWire: () => ({ code: 'BILLING_NO_CREDIT', message: 'no credit', status: 402, details: { need: 3 } }) });
    expect(toRpcWireError(err)).toEqual({ code: 'BILLING_NO_CREDIT', message: 'no credit', status: 402, details: { need: 3 } });
  });

  it('uses an error with a string code', () => {
    expect(toRpcWireError(Object.assign(new Error('gone'), { code: 'CAMPAIGN_NOT_FOUND', status: 404 }))).toEqual({ code: 'CAMPAIGN_NOT_FOUND', message: 'gone', status: 404 });
  });

  it('unwraps a Nest RpcException carrying a coded object', () => {
    expect(toRpcWireError(new RpcException({ code: 'DIALER_NO_SLOT', message: 'no slot' }))).toEqual({ code: 'DIALER_NO_SLOT', message: 'no slot' });
  });

  it.each([new Error('db password is hunter2'), 'a string', null, { status: 'error', message: 'Internal server error' }])('maps %p to INTERNAL without details', (thrown) => {
    expect(toRpcWireError(thrown)).toEqual({ code: 'INTERNAL', message: 'Internal error', status: 500 });
  });
});

describe('RPC reply format', () => {
  it('recognizes both reply shapes', () => {
    expect(isRpcReply({ ok: true, data: 1 })).toBe(true);
    expect(isRpcReply({ ok: true })).toBe(true);
    expect(isRpcReply({ ok: false, error: { code: 'X', message: 'm' } })).toBe(true);
    expect(isRpcReply({ ok: false })).toBe(false);
    expect(isRpcReply({ pattern: 'x', data: 1 })).toBe(false);
  });

  it('keeps the wire error on the client error', () => {
    const e = new RpcRemoteError('rpc.billing.balance.get', { code: 'X', message: 'm', status: 409 });
    expect(e.code).toBe('X');
    expect(e.message).toContain('rpc.billing.balance.get');
  });
});
