import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks signature check (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`),
 * with node:crypto: the same scheme the `standardwebhooks` package signs with (the simulator
 * uses it), about ten times cheaper than its pure-JS hash on the ingest hot path.
 */
export class StandardWebhooksVerifier {
  private readonly keys = new Map<string, KeyObject | null>();

  private key(secret: string): KeyObject | null {
    let key = this.keys.get(secret);
    if (key === undefined) {
      const raw = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
      key = raw.length > 0 ? createSecretKey(raw) : null;
      if (this.keys.size > 10_000) this.keys.clear();
      this.keys.set(secret, key);
    }
    return key;
  }

  verify(secret: string, id: string, timestamp: string, signatureHeader: string, body: Buffer): boolean {
    const key = this.key(secret);
    if (!key) return false;
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
    for (const entry of signatureHeader.split(' ')) {
      const [version, sig] = entry.split(',');
      if (version !== 'v1' || !sig) continue;
      const got = Buffer.from(sig, 'base64');
      if (got.length === expected.length && timingSafeEqual(got, expected)) return true;
    }
    return false;
  }
}
