import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, KeyObject, randomBytes } from 'node:crypto';

/**
 * Seals a message for one recipient, so it can cross NATS without anyone else reading it:
 * X25519 with a fresh ephemeral key per message, HKDF-SHA256, AES-256-GCM. The context (e.g.
 * the organization id) is authenticated data: a box sealed for one context does not open in
 * another. Format: `sealed.v1.<ephemeral public key>.<iv>.<ciphertext>.<tag>` (base64url).
 * Keys are base64 DER: the public key SPKI, the private key PKCS#8.
 */
export const SEALED_PREFIX = 'sealed.v1.';
const INFO = Buffer.from('santral sealed-box v1');

export interface SealingKeyPair {
  publicKey: string;
  privateKey: string;
}

export class SealedBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedBoxError';
  }
}

export function generateSealingKeyPair(): SealingKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  };
}

/** The public key of a private one (a service can print what its senders need). */
export function sealingPublicKeyOf(privateKey: string): string {
  return createPublicKey(importPrivate(privateKey)).export({ type: 'spki', format: 'der' }).toString('base64');
}

function importPublic(key: string): KeyObject {
  const k = createPublicKey({ key: Buffer.from(key, 'base64'), format: 'der', type: 'spki' });
  if (k.asymmetricKeyType !== 'x25519') throw new SealedBoxError('not an X25519 public key');
  return k;
}

function importPrivate(key: string): KeyObject {
  const k = createPrivateKey({ key: Buffer.from(key, 'base64'), format: 'der', type: 'pkcs8' });
  if (k.asymmetricKeyType !== 'x25519') throw new SealedBoxError('not an X25519 private key');
  return k;
}

const raw = (k: KeyObject): Buffer => Buffer.from(k.export({ format: 'jwk' }).x as string, 'base64url');

function derive(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), INFO, 32));
}

/** Seals for the holder of one private key. */
export class Sealer {
  private readonly recipient: KeyObject;
  private readonly recipientRaw: Buffer;

  constructor(publicKey: string) {
    this.recipient = importPublic(publicKey);
    this.recipientRaw = raw(this.recipient);
  }

  seal(plaintext: string, context: string): string {
    const eph = generateKeyPairSync('x25519');
    const ephRaw = raw(eph.publicKey);
    const key = derive(diffieHellman({ privateKey: eph.privateKey, publicKey: this.recipient }), ephRaw, this.recipientRaw);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return SEALED_PREFIX + [ephRaw, iv, ct, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.');
  }
}

/** Opens what a `Sealer` of the matching public key sealed. */
export class Opener {
  private readonly own: KeyObject;
  private readonly ownRaw: Buffer;

  constructor(privateKey: string) {
    this.own = importPrivate(privateKey);
    this.ownRaw = raw(createPublicKey(this.own));
  }

  open(sealed: string, context: string): string {
    if (!sealed.startsWith(SEALED_PREFIX)) throw new SealedBoxError('not a sealed box');
    const parts = sealed.slice(SEALED_PREFIX.length).split('.');
    if (parts.length !== 4) throw new SealedBoxError('malformed sealed box');
    const [ephRaw, iv, ct, tag] = parts.map((p) => Buffer.from(p, 'base64url'));
    if (ephRaw.length !== 32 || iv.length !== 12 || tag.length !== 16) throw new SealedBoxError('malformed sealed box');
    try {
      const eph = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: ephRaw.toString('base64url') }, format: 'jwk' });
      const key = derive(diffieHellman({ privateKey: this.own, publicKey: eph }), ephRaw, this.ownRaw);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedBoxError('sealed box does not open with this key and context');
    }
  }
}
