// The demo's call list: a CSV of contacts in several time zones whose calling window is open now,
// with numbers the telephony simulator answers, finds busy, lets ring out, answers in silence or
// refuses, in a realistic mix (the simulator decides by a number's last four digits).

/** The simulator's fixed outcomes by last four digits (apps/telephony-gateway simulator-scenario.ts). */
export const OUTCOMES = [
  { ending: '0005', outcome: 'answered', weight: 55 },
  { ending: '0001', outcome: 'busy', weight: 12 },
  { ending: '0002', outcome: 'no_answer', weight: 15 },
  { ending: '0006', outcome: 'silent', weight: 10 },
  { ending: '0008', outcome: 'refused', weight: 8 },
] as const;

export type SimulatedOutcome = (typeof OUTCOMES)[number]['outcome'];

interface Region {
  zone: string;
  city: string;
  /** E.164 digits before the sequence; sequence digits then the outcome's four digits make a valid mobile (or NANP) number. */
  prefix: string;
  sequenceDigits: number;
  names: readonly string[];
}

const NAMES = {
  tr: ['Ayşe Yılmaz', 'Mehmet Kaya', 'Elif Demir', 'Mustafa Çelik', 'Zeynep Şahin', 'Emre Öztürk'],
  vi: ['Nguyễn Văn An', 'Trần Thị Bích', 'Lê Hoàng Nam', 'Phạm Thu Hà', 'Võ Minh Tuấn'],
  en: ['Olivia Smith', 'James Johnson', 'Emma Brown', 'Liam Miller', 'Ava Davis', 'Noah Wilson'],
  es: ['Sofía García', 'Mateo Hernández', 'Valentina López', 'Santiago Martínez'],
  pt: ['Ana Souza', 'João Oliveira', 'Maria Santos', 'Pedro Lima'],
  de: ['Lena Schmidt', 'Jonas Müller', 'Mia Schneider', 'Paul Fischer'],
  ja: ['Sato Yuki', 'Suzuki Haruto', 'Takahashi Aoi', 'Tanaka Ren'],
  other: ['Aisha Bello', 'Rahul Sharma', 'Fatima Khan', 'Wei Zhang', 'Dmitri Ivanov', 'Grace Wanjiru'],
} as const;

/** One region per UTC offset band, so some of them are always inside a 09:00–17:30 window. */
export const REGIONS: readonly Region[] = [
  { zone: 'Pacific/Auckland', city: 'Auckland', prefix: '+6421', sequenceDigits: 3, names: NAMES.en },
  { zone: 'Asia/Tokyo', city: 'Tokyo', prefix: '+81901', sequenceDigits: 3, names: NAMES.ja },
  { zone: 'Asia/Shanghai', city: 'Shanghai', prefix: '+86138', sequenceDigits: 4, names: NAMES.other },
  { zone: 'Asia/Ho_Chi_Minh', city: 'Ho Chi Minh City', prefix: '+8490', sequenceDigits: 3, names: NAMES.vi },
  { zone: 'Asia/Dhaka', city: 'Dhaka', prefix: '+88017', sequenceDigits: 4, names: NAMES.other },
  { zone: 'Asia/Kolkata', city: 'Mumbai', prefix: '+9198', sequenceDigits: 4, names: NAMES.other },
  { zone: 'Asia/Karachi', city: 'Karachi', prefix: '+92300', sequenceDigits: 3, names: NAMES.other },
  { zone: 'Asia/Dubai', city: 'Dubai', prefix: '+97150', sequenceDigits: 3, names: NAMES.other },
  { zone: 'Europe/Istanbul', city: 'İstanbul', prefix: '+90532', sequenceDigits: 3, names: NAMES.tr },
  { zone: 'Africa/Nairobi', city: 'Nairobi', prefix: '+2547', sequenceDigits: 4, names: NAMES.other },
  { zone: 'Europe/Berlin', city: 'Berlin', prefix: '+49151', sequenceDigits: 4, names: NAMES.de },
  { zone: 'Africa/Lagos', city: 'Lagos', prefix: '+234803', sequenceDigits: 3, names: NAMES.other },
  { zone: 'Europe/London', city: 'London', prefix: '+4474', sequenceDigits: 4, names: NAMES.en },
  { zone: 'America/Sao_Paulo', city: 'São Paulo', prefix: '+55119', sequenceDigits: 4, names: NAMES.pt },
  { zone: 'America/New_York', city: 'New York', prefix: '+12125', sequenceDigits: 2, names: NAMES.en },
  { zone: 'America/Bogota', city: 'Bogotá', prefix: '+57310', sequenceDigits: 3, names: NAMES.es },
  { zone: 'America/Chicago', city: 'Chicago', prefix: '+13125', sequenceDigits: 2, names: NAMES.en },
  { zone: 'America/Mexico_City', city: 'Mexico City', prefix: '+5255', sequenceDigits: 4, names: NAMES.es },
  { zone: 'America/Denver', city: 'Denver', prefix: '+13035', sequenceDigits: 2, names: NAMES.en },
  { zone: 'America/Los_Angeles', city: 'Los Angeles', prefix: '+12135', sequenceDigits: 2, names: NAMES.en },
  { zone: 'Pacific/Honolulu', city: 'Honolulu', prefix: '+18085', sequenceDigits: 2, names: NAMES.en },
];

/** The campaign's calling window (the widest CAMPAIGN_LIMITS allow: 09:00–19:00 in each callee's zone). */
export const CALLING_WINDOW = { start: '09:00', end: '19:00' } as const;
/** A zone is used when its local time is at least the window's start and this long before its end. */
const MARGIN_MINUTES = 90;

function minutesOfDay(zone: string, now: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

const clock = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The local time in `zone` as HH:MM. */
export function localTime(zone: string, now: Date = new Date()): string {
  const m = minutesOfDay(zone, now);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * Regions where the calling window is open now with time to spare, those with the most time left
 * first, at most `max` of them. Never empty: the regions span the offsets so that some region is
 * always between 09:00 and 17:30.
 */
export function openRegions(now: Date = new Date(), max = 5): Region[] {
  const start = clock(CALLING_WINDOW.start);
  const last = clock(CALLING_WINDOW.end) - MARGIN_MINUTES;
  const open = REGIONS.map((region) => ({ region, local: minutesOfDay(region.zone, now) }))
    .filter(({ local }) => local >= start && local < last)
    .sort((a, b) => a.local - b.local);
  if (!open.length) throw new Error(`no demo region has its calling window (${CALLING_WINDOW.start}–${CALLING_WINDOW.end}) open at ${now.toISOString()}`);
  return open.slice(0, max).map(({ region }) => region);
}

export interface DemoContact {
  phone: string;
  name: string;
  timeZone: string;
  city: string;
  expected: SimulatedOutcome;
}

/** A small deterministic generator (mulberry32), so a seed gives the same list. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many contacts of `count` get each outcome: the weights, rounded by largest remainder. */
export function outcomeCounts(count: number): Record<SimulatedOutcome, number> {
  const total = OUTCOMES.reduce((s, o) => s + o.weight, 0);
  const exact = OUTCOMES.map((o) => (count * o.weight) / total);
  const counts = exact.map(Math.floor);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest);
  const missing = count - counts.reduce((s, c) => s + c, 0);
  for (let k = 0; k < missing; k++) counts[order[k]!.i]!++;
  return Object.fromEntries(OUTCOMES.map((o, i) => [o.outcome, counts[i]!])) as Record<SimulatedOutcome, number>;
}

/**
 * `count` distinct contacts spread over `regions` in turn, their outcomes in the OUTCOMES mix
 * and shuffled by `seed`. Each number is the region's prefix, a sequence and the outcome's ending.
 */
export function demoContacts(count: number, regions: readonly Region[], seed = 1): DemoContact[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`the contact count must be a positive integer, not ${count}`);
  const capacity = regions.reduce((s, r) => s + 10 ** r.sequenceDigits, 0);
  if (count > capacity) throw new Error(`at most ${capacity} contacts fit the open regions' number ranges; ask for fewer`);
  const rnd = random(seed);
  const outcomes: SimulatedOutcome[] = Object.entries(outcomeCounts(count)).flatMap(([outcome, n]) => Array<SimulatedOutcome>(n).fill(outcome as SimulatedOutcome));
  for (let i = outcomes.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [outcomes[i], outcomes[j]] = [outcomes[j]!, outcomes[i]!];
  }
  const next = new Map<string, number>();
  return outcomes.map((expected, i) => {
    // Round robin over the regions that still have numbers of this ending left.
    let region = regions[i % regions.length]!;
    for (let k = 0; (next.get(`${region.zone}:${expected}`) ?? 0) >= 10 ** region.sequenceDigits; k++) region = regions[(i + k + 1) % regions.length]!;
    const key = `${region.zone}:${expected}`;
    const sequence = next.get(key) ?? 0;
    next.set(key, sequence + 1);
    const ending = OUTCOMES.find((o) => o.outcome === expected)!.ending;
    return {
      phone: `${region.prefix}${String(sequence).padStart(region.sequenceDigits, '0')}${ending}`,
      name: region.names[Math.floor(rnd() * region.names.length)]!,
      timeZone: region.zone,
      city: region.city,
      expected,
    };
  });
}

/** Rows a real list has besides its contacts: the import reports them as rejected. */
export const JUNK_ROWS = [
  { phone: '12345', name: 'Too short', timeZone: '', city: '' },
  { phone: 'call me maybe', name: 'Not a number', timeZone: '', city: '' },
] as const;

function cell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The CSV the demo uploads (UTF-8, `,`): phone (E.164, spaced as people write it), name, timezone,
 * city; then the junk rows and one duplicate of the first contact, which the import rejects.
 */
export function contactsCsv(contacts: readonly DemoContact[]): string {
  const spaced = (e164: string) => `${e164.slice(0, -7)} ${e164.slice(-7, -4)} ${e164.slice(-4)}`;
  const rows = [
    ['phone', 'name', 'timezone', 'city'],
    ...contacts.map((c, i) => [i % 3 === 0 ? spaced(c.phone) : c.phone, c.name, c.timeZone, c.city]),
    ...JUNK_ROWS.map((r) => [r.phone, r.name, r.timeZone, r.city]),
    ...(contacts.length ? [[contacts[0]!.phone, contacts[0]!.name, contacts[0]!.timeZone, contacts[0]!.city]] : []),
  ];
  return `${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`;
}

/** What the import should report for contactsCsv(contacts). */
export function expectedImport(contacts: readonly DemoContact[]): { accepted: number; rejected: number; duplicates: number } {
  const duplicates = contacts.length ? 1 : 0;
  return { accepted: contacts.length, rejected: JUNK_ROWS.length + duplicates, duplicates };
}
