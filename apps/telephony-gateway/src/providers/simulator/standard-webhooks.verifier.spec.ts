import { Webhook } from 'standardwebhooks';
import { StandardWebhooksVerifier } from './standard-webhooks.verifier';

describe('StandardWebhooksVerifier', () => {
  const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
  const body = JSON.stringify({ type: 'call.ringing', text: 'Şikayet 💬' });
  const now = new Date();
  const ts = String(Math.floor(now.getTime() / 1000));
  const sig = new Webhook(secret).sign('evt_1', now, body);
  const v = new StandardWebhooksVerifier();

  it('accepts what the standardwebhooks package signs, among several signatures', () => {
    expect(v.verify(secret, 'evt_1', ts, sig, Buffer.from(body))).toBe(true);
    expect(v.verify(secret, 'evt_1', ts, `v1,bm9wZQ== ${sig}`, Buffer.from(body))).toBe(true);
  });

  it('refuses another id, timestamp, body, secret or version', () => {
    expect(v.verify(secret, 'evt_2', ts, sig, Buffer.from(body))).toBe(false);
    expect(v.verify(secret, 'evt_1', String(Number(ts) + 1), sig, Buffer.from(body))).toBe(false);
    expect(v.verify(secret, 'evt_1', ts, sig, Buffer.from(`${body} `))).toBe(false);
    expect(v.verify(`whsec_${Buffer.from('x'.repeat(32)).toString('base64')}`, 'evt_1', ts, sig, Buffer.from(body))).toBe(false);
    expect(v.verify(secret, 'evt_1', ts, sig.replace('v1,', 'v2,'), Buffer.from(body))).toBe(false);
    expect(v.verify('', 'evt_1', ts, sig, Buffer.from(body))).toBe(false);
  });
});
