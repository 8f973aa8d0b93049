import { v7 } from 'uuid';
import { Subjects, contextOf, makeEnvelope, sourceOf, validateEnvelope, validateMessage } from './index';

const ORG = '0190a5b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b';
const balanceLow = { organizationId: ORG, balance: 4, threshold: 5 };

describe('makeEnvelope', () => {
  it('fills CloudEvents attributes with a UUIDv7 id; a first event correlates to itself', () => {
    const envelope = makeEnvelope({ type: Subjects.Billing.BalanceLow, source: sourceOf('billing'), data: balanceLow, orgid: ORG });
    expect(envelope).toMatchObject({
      specversion: '1.0',
      type: 'billing.balance.low.v1',
      source: 'santral/billing',
      datacontenttype: 'application/json',
      orgid: ORG,
      causationid: null,
      correlationid: envelope.id,
    });
    expect(envelope.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(validateEnvelope(envelope).ok).toBe(true);
  });

  it('uses the injected id generator and clock', () => {
    const envelope = makeEnvelope(
      { type: 'x.y.created.v1', source: 's', data: {}, orgid: null, subject: 'agg-1' },
      { newId: () => 'fixed', now: () => new Date('2026-03-01T10:00:00Z') },
    );
    expect(envelope).toMatchObject({ id: 'fixed', time: '2026-03-01T10:00:00.000Z', subject: 'agg-1' });
  });

  it('carries correlation and causation down a chain', () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const first = makeEnvelope({ type: 'a.b.created.v1', source: 's', data: {}, orgid: ORG, context: { correlationid: 'corr', causationid: null, traceparent } });
    const second = makeEnvelope({ type: 'a.b.updated.v1', source: 's', data: {}, orgid: ORG, context: contextOf(first) });
    expect(second).toMatchObject({ correlationid: 'corr', causationid: first.id, traceparent });
  });
});

describe('validateEnvelope / validateMessage', () => {
  const good = () => makeEnvelope({ type: Subjects.Billing.BalanceLow, source: sourceOf('billing'), data: balanceLow, orgid: ORG });

  it.each([
    ['a v4 id', { id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' }],
    ['another spec version', { specversion: '0.3' }],
    ['a time without zone', { time: '2026-01-01T10:00:00' }],
    ['an unknown attribute', { color: 'red' }],
    ['a bad traceparent', { traceparent: 'nope' }],
    ['a numeric orgid', { orgid: 7 }],
  ])('rejects an envelope with %s', (_name, patch) => {
    expect(validateEnvelope({ ...good(), ...patch }).ok).toBe(false);
  });

  it('validates data against the payload of its type', () => {
    const result = validateMessage(good());
    expect(result.ok).toBe(true);
    const bad = validateMessage({ ...good(), data: { ...balanceLow, balance: 'low' } });
    expect(bad).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.stringMatching(/^data\.balance: /)]) });
  });

  it('rejects an envelope whose orgid differs from data.organizationId', () => {
    expect(validateMessage({ ...good(), orgid: v7() })).toMatchObject({ ok: false, errors: ['orgid must equal data.organizationId'] });
  });

  it('rejects a message of an unknown type', () => {
    expect(validateMessage({ ...good(), type: 'billing.balance.vanished.v1' }).ok).toBe(false);
  });
});
