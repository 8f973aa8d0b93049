import { createHmac } from 'node:crypto';
import { StreamTokenCodec, streamTokenKey } from './stream-token';

const NOW = new Date('2026-12-01T10:00:00.000Z');
const ORG = '0190ffff-0000-7000-8000-00000000000a';
const USER = '0190ffff-0000-7000-8000-000000000001';
const codec = new StreamTokenCodec(streamTokenKey('admin-key-0123456789abcdef', undefined));
const grant = { organizationId: ORG, userId: USER, screenPops: 'own' as const, expiresAt: new Date(NOW.getTime() + 60_000) };

function tamper(token: string, change: (claims: Record<string, unknown>) => Record<string, unknown>): string {
  const [body, mac] = token.slice('est_'.length).split('.');
  const claims = JSON.parse(Buffer.from(body!, 'base64url').toString()) as Record<string, unknown>;
  return `est_${Buffer.from(JSON.stringify(change(claims))).toString('base64url')}.${mac}`;
}

describe('StreamTokenCodec', () => {
  it('round-trips a grant until it expires', () => {
    const token = codec.sign(grant);
    expect(codec.verify(token, NOW)).toEqual(grant);
    expect(codec.verify(token, new Date(grant.expiresAt.getTime() - 1))).toEqual(grant);
    expect(() => codec.verify(token, grant.expiresAt)).toThrow(expect.objectContaining({ code: 'STREAM_TOKEN_EXPIRED' }));
  });

  it('mints a different token each time', () => {
    expect(codec.sign(grant)).not.toBe(codec.sign(grant));
  });

  it.each<[string, (t: string) => string | undefined]>([
    ['missing', () => undefined],
    ['empty', () => ''],
    ['without the prefix', (t) => t.slice(4)],
    ['without a signature', (t) => t.split('.')[0]],
    ['with a part too many', (t) => `${t}.x`],
    ['with another organization', (t) => tamper(t, (c) => ({ ...c, o: '0190ffff-0000-7000-8000-00000000000b' }))],
    ['with another user', (t) => tamper(t, (c) => ({ ...c, u: null }))],
    ['with a wider scope', (t) => tamper(t, (c) => ({ ...c, s: 'all' }))],
    ['with a later expiry', (t) => tamper(t, (c) => ({ ...c, e: (c.e as number) + 3_600_000 }))],
    ['over 1024 characters', (t) => `${t}${'a'.repeat(1024)}`],
  ])('is STREAM_TOKEN_INVALID %s', (_name, make) => {
    expect(() => codec.verify(make(codec.sign(grant)), NOW)).toThrow(expect.objectContaining({ code: 'STREAM_TOKEN_INVALID' }));
  });

  it('is STREAM_TOKEN_INVALID under another key: another admin key, or an explicit secret', () => {
    const token = codec.sign(grant);
    for (const other of [streamTokenKey('another-admin-key-0123456789', undefined), streamTokenKey('admin-key-0123456789abcdef', 's'.repeat(32))]) {
      expect(() => new StreamTokenCodec(other).verify(token, NOW)).toThrow(expect.objectContaining({ code: 'STREAM_TOKEN_INVALID' }));
    }
  });

  it('refuses well-signed claims of another purpose or shape', () => {
    const key = streamTokenKey('admin-key-0123456789abcdef', undefined);
    const signed = (claims: object) => {
      const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return `est_${body}.${createHmac('sha256', key).update(`events-stream.${body}`).digest('base64url')}`;
    };
    const good = { p: 'events-stream', o: ORG, u: USER, s: 'own', e: NOW.getTime() + 1000, n: 'x' };
    expect(codec.verify(signed(good), NOW).organizationId).toBe(ORG);
    for (const bad of [{ ...good, p: 'webhook' }, { ...good, s: 'everything' }, { ...good, e: 'later' }, { ...good, o: 7 }]) {
      expect(() => codec.verify(signed(bad), NOW)).toThrow(expect.objectContaining({ code: 'STREAM_TOKEN_INVALID' }));
    }
  });
});
