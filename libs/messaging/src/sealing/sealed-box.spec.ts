import { generateSealingKeyPair, Opener, SealedBoxError, Sealer, sealingPublicKeyOf } from './sealed-box';

describe('sealed box (X25519 + HKDF-SHA256 + AES-256-GCM)', () => {
  const keys = generateSealingKeyPair();
  const sealer = new Sealer(keys.publicKey);
  const opener = new Opener(keys.privateKey);
  const secret = JSON.stringify({ authToken: 'tw_secret_0123456789' });

  it('opens with the private key and the same context, and never shows the plaintext', () => {
    const box = sealer.seal(secret, 'org-a');
    expect(box).toMatch(/^sealed\.v1\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(box).not.toContain('tw_secret');
    expect(opener.open(box, 'org-a')).toBe(secret);
  });

  it('seals each message under a fresh ephemeral key', () => {
    expect(sealer.seal(secret, 'org-a')).not.toBe(sealer.seal(secret, 'org-a'));
  });

  it.each([
    ['another context', (box: string) => opener.open(box, 'org-b')],
    ['another private key', (box: string) => new Opener(generateSealingKeyPair().privateKey).open(box, 'org-a')],
    ['a changed ciphertext', (box: string) => opener.open(box.slice(0, -30) + (box.at(-30) === 'A' ? 'B' : 'A') + box.slice(-29), 'org-a')],
    ['a truncated box', (box: string) => opener.open(box.split('.').slice(0, 4).join('.'), 'org-a')],
    ['plain text', () => opener.open(secret, 'org-a')],
  ])('refuses %s', (_name, attempt) => {
    const box = sealer.seal(secret, 'org-a');
    expect(() => attempt(box)).toThrow(SealedBoxError);
  });

  it('derives the public key from the private one and refuses keys of another type', () => {
    expect(sealingPublicKeyOf(keys.privateKey)).toBe(keys.publicKey);
    expect(() => new Sealer(Buffer.from('nope').toString('base64'))).toThrow();
  });
});
