import { canonicalTimeZone } from './validators';

describe('canonicalTimeZone', () => {
  it.each([
    ['Europe/Istanbul', 'Europe/Istanbul'],
    ['europe/istanbul', 'Europe/Istanbul'],
    ['UTC', 'UTC'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['Asia/Ho_Chi_Minh', 'Asia/Ho_Chi_Minh'],
    ['Europe/Kyiv', 'Europe/Kyiv'],
  ])('accepts %p as %p', (input, canonical) => {
    expect(canonicalTimeZone(input)).toBe(canonical);
  });

  it.each(['Mars/Olympus', '+03:00', '', 'Europe/../etc', 3, null, 'x'.repeat(65)])('refuses %p', (input) => {
    expect(canonicalTimeZone(input)).toBeUndefined();
  });
});
