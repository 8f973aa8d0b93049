import { RpcException } from '@nestjs/microservices';
import { DomainError } from '@santral/contracts';
import { isRpcReply, RpcRemoteError, toRpcWireError } from './rpc-wire';

const INTERNAL = { code: 'INTERNAL', message: 'Internal error', status: 500 };

describe('toRpcWireError', () => {
  it("carries a contracts DomainError with its code, detail and extras, the status taken from the code", () => {
    const wire = toRpcWireError(new DomainError('INSUFFICIENT_CREDITS', 'no credit', { need: 3 }));
    expect(wire).toEqual({ kind: 'santral.domain-error', code: 'INSUFFICIENT_CREDITS', detail: 'no credit', extra: { need: 3 }, message: 'no credit', status: 402 });
    expect(DomainError.fromWire(JSON.parse(JSON.stringify(wire)))).toMatchObject({ code: 'INSUFFICIENT_CREDITS', detail: 'no credit', extra: { need: 3 } });
  });

  it('carries an error whose toWire() gives the DomainError wire object (a subclass, another copy of contracts)', () => {
    class BillingError extends DomainError {}
    expect(toRpcWireError(new BillingError('INSUFFICIENT_CREDITS'))).toMatchObject({ code: 'INSUFFICIENT_CREDITS', message: 'INSUFFICIENT_CREDITS', status: 402 });
    const copy = { toWire: () => ({ kind: 'santral.domain-error', code: 'NOT_FOUND', detail: 'gone' }) };
    expect(toRpcWireError(copy)).toMatchObject({ code: 'NOT_FOUND', message: 'gone', status: 404 });
  });

  it('an unreachable database (the pool timed out, the server refused) is SERVICE_UNAVAILABLE 503: nothing ran, the caller may retry', () => {
    expect(toRpcWireError(new Error('timeout exceeded when trying to connect'))).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    expect(toRpcWireError(Object.assign(new Error('sorry, too many clients already'), { code: '53300' }))).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    expect(toRpcWireError(new Error('Connection terminated unexpectedly'))).toEqual(INTERNAL);
  });

  it.each([
    ['a pg error with its SQLSTATE code', Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021', severity: 'ERROR' })],
    ['an error with a string code and a status', Object.assign(new Error('no such campaign'), { code: 'CAMPAIGN_NOT_FOUND', status: 404 })],
    ['a toWire() of another shape', Object.assign(new Error('x'), { toWire: () => ({ code: 'BILLING_NO_CREDIT', message: 'no credit', status: 402 }) })],
    ['a toWire() that throws', { toWire: () => { throw new Error('boom'); } }],
    ['a Nest RpcException carrying a coded object', new RpcException({ code: 'DIALER_NO_SLOT', message: 'no slot' })],
    ['a plain error', new Error('db password is hunter2')],
    ['a string', 'a string'],
    ['null', null],
    ['an object with a message', { status: 'error', message: 'Internal server error' }],
  ])('maps %s to INTERNAL without its code or message', (_name, thrown) => {
    expect(toRpcWireError(thrown)).toEqual(INTERNAL);
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
