import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'sk_live_';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export interface GeneratedApiKey {
  /** The whole key; shown once, never stored. */
  plaintext: string;
  /** `sk_live_` plus 8 non-secret characters, stored and listed to tell keys apart. */
  prefix: string;
  /** SHA-256 hex of the plaintext: what is stored and looked up. */
  hash: string;
}

/** `sk_live_<8 chars>_<43 chars>`: 256 random bits after the visible prefix. */
export function generateApiKey(): GeneratedApiKey {
  const bytes = randomBytes(8);
  const visible = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
  const prefix = `${KEY_PREFIX}${visible}`;
  const plaintext = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { plaintext, prefix, hash: hashApiKey(plaintext) };
}

/** A fast hash is right here: keys are 256-bit random, so there is nothing to brute-force. */
export function hashApiKey(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}
