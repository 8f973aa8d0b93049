import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const SALT = 'santral-idempotency-v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Stored answers can contain a just-created API key, which must never sit in the database in
 * the clear (A4). They are sealed with AES-256-GCM under a key derived from the caller's
 * credential and the Idempotency-Key: only the same caller retrying can open them.
 */
function keyFor(credential: string, idempotencyKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(credential, 'utf8'), SALT, Buffer.from(idempotencyKey, 'utf8'), 32));
}

export function sealResponse(credential: string, idempotencyKey: string, plaintext: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(credential, idempotencyKey), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Throws if the credential or key differ, or the bytes were altered. */
export function openResponse(credential: string, idempotencyKey: string, sealed: Buffer): string {
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', keyFor(credential, idempotencyKey), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
