import Papa from 'papaparse';
import { normalizePhoneNumber, timeZonesForNumber } from '@santral/phone';
import { CALLING_WINDOW, contactsCsv, demoContacts, expectedImport, JUNK_ROWS, localTime, openRegions, OUTCOMES, outcomeCounts, REGIONS } from './contacts';

describe('the demo list', () => {
  it('splits any count into the outcome mix, rounding by largest remainder', () => {
    const total = OUTCOMES.reduce((s, o) => s + o.weight, 0);
    for (let n = 1; n <= 700; n++) {
      const counts = outcomeCounts(n);
      expect(Object.values(counts).reduce((s, c) => s + c, 0)).toBe(n);
      for (const o of OUTCOMES) expect(Math.abs(counts[o.outcome] - (n * o.weight) / total)).toBeLessThan(1);
    }
    expect(outcomeCounts(200)).toEqual({ answered: 110, busy: 24, no_answer: 30, silent: 20, refused: 16 });
  });

  it('has valid, distinct numbers whose last four digits give the simulator outcome, in the regions asked for', () => {
    const regions = REGIONS.slice(0, 5);
    const contacts = demoContacts(1000, regions);
    expect(contacts).toHaveLength(1000);
    expect(new Set(contacts.map((c) => c.phone)).size).toBe(1000);
    for (const c of contacts) {
      const normalized = normalizePhoneNumber(c.phone);
      expect({ phone: c.phone, ok: normalized.ok }).toEqual({ phone: c.phone, ok: true });
      expect(c.phone.slice(-4)).toBe(OUTCOMES.find((o) => o.outcome === c.expected)!.ending);
      expect(regions.map((r) => r.zone)).toContain(c.timeZone);
    }
  });

  it('writes every region\'s numbers so that the number itself points to the region\'s zone', () => {
    for (const region of REGIONS) {
      const [contact] = demoContacts(1, [region]);
      expect({ zone: region.zone, ok: normalizePhoneNumber(contact!.phone).ok }).toEqual({ zone: region.zone, ok: true });
      expect({ zone: region.zone, fromNumber: timeZonesForNumber(contact!.phone).zones }).toEqual({ zone: region.zone, fromNumber: expect.arrayContaining([region.zone]) });
    }
  });

  it('is the same list for the same seed and another for another seed', () => {
    const regions = REGIONS.slice(3, 7);
    expect(demoContacts(50, regions, 7)).toEqual(demoContacts(50, regions, 7));
    expect(demoContacts(50, regions, 7).map((c) => c.phone)).not.toEqual(demoContacts(50, regions, 8).map((c) => c.phone));
  });

  it('refuses counts the regions cannot hold, and counts that are not positive whole numbers', () => {
    const small = REGIONS.filter((r) => r.sequenceDigits === 2).slice(0, 1);
    expect(() => demoContacts(101, small)).toThrow(/at most 100 contacts/);
    expect(() => demoContacts(0, small)).toThrow(/positive integer/);
    expect(() => demoContacts(2.5, small)).toThrow(/positive integer/);
  });

  it('always finds regions whose calling window is open, with time left, at any time of day', () => {
    const day = Date.parse('2026-12-01T00:00:00Z');
    for (const offset of [0, 182 * 86_400_000]) {
      for (let minute = 0; minute < 24 * 60; minute += 15) {
        const now = new Date(day + offset + minute * 60_000);
        const regions = openRegions(now);
        expect(regions.length).toBeGreaterThan(0);
        expect(regions.length).toBeLessThanOrEqual(5);
        for (const r of regions) {
          const local = localTime(r.zone, now);
          expect({ at: now.toISOString(), zone: r.zone, open: local >= CALLING_WINDOW.start && local < '17:30' }).toEqual({ at: now.toISOString(), zone: r.zone, open: true });
        }
      }
    }
  });

  it('writes a CSV with the contacts, the junk rows and one duplicate, as the import will count them', () => {
    const contacts = demoContacts(30, REGIONS.slice(0, 3));
    const parsed = Papa.parse<string[]>(contactsCsv(contacts).trimEnd(), { delimiter: ',' });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(['phone', 'name', 'timezone', 'city']);
    expect(rows).toHaveLength(30 + JUNK_ROWS.length + 1);
    expect(rows.slice(0, 30).map((r) => r[0]!.replace(/ /g, ''))).toEqual(contacts.map((c) => c.phone));
    expect(rows.at(-1)![0]).toBe(contacts[0]!.phone);
    expect(expectedImport(contacts)).toEqual({ accepted: 30, rejected: JUNK_ROWS.length + 1, duplicates: 1 });
  });
});
