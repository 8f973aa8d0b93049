import { runWithEventContext } from '../tracing/event-context';
import { buildEnvelope, isEnvelope } from './envelope';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/;

describe('buildEnvelope', () => {
  it('fills a CloudEvents envelope with a UUIDv7 id and a new correlation and trace', () => {
    const env = buildEnvelope({ type: 'dialer.call.answered.v1', data: { callId: 'c1' }, orgid: 'o1', subject: 'c1' }, 'santral/dialer');
    expect(env).toMatchObject({ specversion: '1.0', source: 'santral/dialer', type: 'dialer.call.answered.v1', datacontenttype: 'application/json', orgid: 'o1', subject: 'c1', data: { callId: 'c1' }, causationid: null });
    expect(env.id).toMatch(UUID_V7);
    expect(env.correlationid).toBe(env.id);
    expect(env.traceparent).toMatch(TRACEPARENT);
    expect(Number.isNaN(Date.parse(env.time))).toBe(false);
    expect(isEnvelope(env)).toBe(true);
  });

  it('inherits correlation, causation and trace from the event being handled', () => {
    const ctx = { correlationid: 'corr-1', causationid: 'event-1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    const env = runWithEventContext(ctx, () => buildEnvelope({ type: 'billing.charge.settled.v1', data: {}, orgid: null }, 'santral/billing'));
    expect(env).toMatchObject(ctx);
  });

  it('lets explicit values win over the context', () => {
    const ctx = { correlationid: 'corr-1', causationid: 'event-1' };
    const env = runWithEventContext(ctx, () =>
      buildEnvelope({ type: 't.x.y.v1', data: {}, orgid: null, correlationid: 'mine', causationid: null, id: '0199a3f2-7c1e-7b3a-9f00-000000000001' }, 's'),
    );
    expect(env).toMatchObject({ correlationid: 'mine', causationid: null, id: '0199a3f2-7c1e-7b3a-9f00-000000000001' });
  });

  it('passes a complete envelope through untouched', () => {
    const full = buildEnvelope({ type: 't.x.y.v1', data: { a: 1 }, orgid: null }, 'santral/a');
    expect(buildEnvelope(full, 'santral/b')).toBe(full);
  });
});
