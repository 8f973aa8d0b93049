import { SecretBox } from './secret-box';

describe('SecretBox (AES-256-GCM)', () => {
  const box = new SecretBox(Buffer.alloc(32, 7).toString('base64'));

  it('round-trips and never shows the plain text', () => {
    const sealed = box.seal({ authToken: 'top-secret' }, 'acc-1');
    expect(sealed).not.toContain('top-secret');
    expect(box.open(sealed, 'acc-1')).toEqual({ authToken: 'top-secret' });
    expect(box.seal({ a: 'b' }, 'x')).not.toBe(box.seal({ a: 'b' }, 'x'));
  });

  it('refuses a value bound to another row, tampered, or sealed with another key', () => {
    const sealed = box.seal({ a: 'b' }, 'acc-1');
    expect(() => box.open(sealed, 'acc-2')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'), 'acc-1')).toThrow();
    expect(() => new SecretBox(Buffer.alloc(32, 8).toString('base64')).open(sealed, 'acc-1')).toThrow();
    expect(() => new SecretBox('c2hvcnQ=')).toThrow();
  });
});
