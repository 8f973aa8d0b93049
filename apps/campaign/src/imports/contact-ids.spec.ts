import { validate, version } from 'uuid';
import { ContactIds } from './contact-ids';

describe('contact ids of an import', () => {
  it('are uuid v7 with the import time, ordered as made, and unique across imports', () => {
    const now = Date.UTC(2026, 11, 2, 4, 30);
    const ids = new ContactIds(now);
    const made = Array.from({ length: 1000 }, () => ids.next());
    for (const id of made) {
      expect(validate(id) && version(id)).toBe(7);
      expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
    }
    expect([...made].sort()).toEqual(made);
    const other = new ContactIds(now);
    expect(new Set([...made, ...Array.from({ length: 1000 }, () => other.next())]).size).toBe(2000);
  });

  it('writes the same 16 bytes binary COPY takes as the text form reads', () => {
    const [a, b] = [new ContactIds(1), new ContactIds(1)];
    Object.assign(b, { head: (a as unknown as { head: Buffer }).head, counter: (a as unknown as { counter: number }).counter });
    const bytes = Buffer.alloc(20);
    a.writeNext(bytes, 4);
    expect(bytes.subarray(4).toString('hex')).toBe(b.next().replace(/-/g, ''));
  });
});
