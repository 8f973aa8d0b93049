import { validate, version } from 'uuid';
import { contactIdSequence } from './contact-ids';

describe('contact ids of an import', () => {
  it('are uuid v7 with the import time, ordered as made, and unique across sequences', () => {
    const now = Date.UTC(2026, 11, 2, 4, 30);
    const next = contactIdSequence(now);
    const ids = Array.from({ length: 1000 }, next);
    for (const id of ids) {
      expect(validate(id) && version(id)).toBe(7);
      expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
    }
    expect([...ids].sort()).toEqual(ids);
    const other = Array.from({ length: 1000 }, contactIdSequence(now));
    expect(new Set([...ids, ...other]).size).toBe(2000);
  });
});
