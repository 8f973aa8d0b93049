// Throughput of @santral/phone normalizeMany on a realistic mix for a Turkish organization
// (TR national and international, US, junk), beside raw libphonenumber-js parsing of the same
// inputs. Last line: one JSON object of the figures.
//   npx tsx bench/phone.ts [count]
import { performance } from 'node:perf_hooks';
import parsePhoneNumberFromString from 'libphonenumber-js/max';
import { normalizeMany } from '../libs/phone/src';

const TOTAL = Number(process.argv[2] ?? 500_000);
const BATCH = 1_000;
const DEFAULT_COUNTRY = 'TR';

// Deterministic PRNG (mulberry32) so every run measures the same inputs.
let seed = 0x5a17a1;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

const TR_MOBILE = ['530', '532', '533', '535', '536', '541', '542', '543', '544', '505', '506', '555', '551'];
const TR_FIXED = ['212', '216', '312', '232', '224', '242', '322'];
const US_AREA = ['212', '213', '305', '312', '415', '617', '646', '702', '713', '917'];

function trNational(): string {
  const op = pick(TR_MOBILE);
  const [a, b, c] = [digits(3), digits(2), digits(2)];
  return pick([`0${op} ${a} ${b} ${c}`, `0 (${op}) ${a}-${b}-${c}`, `0${op}${a}${b}${c}`, `(0${op}) ${a} ${b}${c}`]);
}
function trInternational(): string {
  const op = pick(random() < 0.8 ? TR_MOBILE : TR_FIXED);
  const rest = digits(7);
  return pick([`+90 ${op} ${rest}`, `+90${op}${rest}`, `90 ${op} ${rest}`, `0090 ${op} ${rest}`, `+90 (${op}) ${rest}`]);
}
function us(): string {
  const area = pick(US_AREA);
  const exchange = String(200 + Math.floor(random() * 700));
  const line = digits(4);
  return pick([`+1 (${area}) ${exchange}-${line}`, `+1${area}${exchange}${line}`, `001 ${area} ${exchange} ${line}`]);
}
function invalid(): string {
  return pick([
    `0555 ${digits(3)}`, // too short
    `0532 ${digits(3)} ${digits(2)} ${digits(2)} ${digits(2)}`, // too long
    `+90 155 ${digits(7)}`, // possible length, no such range
    'n/a',
    '',
    `+999 ${digits(7)}`, // unknown calling code
    `call me: 0532${digits(7)}`, // words around a number
  ]);
}

function makeInputs(count: number): string[] {
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const r = random();
    out[i] = r < 0.45 ? trNational() : r < 0.75 ? trInternational() : r < 0.9 ? us() : invalid();
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const round = (x: number, places = 3): number => Number(x.toFixed(places));

function main(): void {
  const inputs = makeInputs(TOTAL);
  normalizeMany(inputs.slice(0, 20_000), DEFAULT_COUNTRY); // warm-up: JIT and metadata caches

  const batchMs: number[] = [];
  let valid = 0;
  const started = performance.now();
  for (let i = 0; i < inputs.length; i += BATCH) {
    const batch = inputs.slice(i, i + BATCH);
    const t0 = performance.now();
    const results = normalizeMany(batch, DEFAULT_COUNTRY);
    batchMs.push(performance.now() - t0);
    for (const r of results) if (r.ok) valid++;
  }
  const elapsedMs = performance.now() - started;
  const memory = process.memoryUsage();

  for (let i = 0; i < 20_000; i++) parsePhoneNumberFromString(inputs[i], DEFAULT_COUNTRY);
  let parsedValid = 0;
  const rawStarted = performance.now();
  for (const input of inputs) if (parsePhoneNumberFromString(input, DEFAULT_COUNTRY)?.isValid()) parsedValid++;
  const rawMs = performance.now() - rawStarted;

  batchMs.sort((a, b) => a - b);
  const figures = {
    bench: 'phone',
    ops: TOTAL,
    valid,
    invalid: TOTAL - valid,
    perSecond: Math.round(TOTAL / (elapsedMs / 1000)),
    p50BatchMs: round(percentile(batchMs, 50)),
    p99BatchMs: round(percentile(batchMs, 99)),
    batchSize: BATCH,
    libphonenumberPerSecond: Math.round(TOTAL / (rawMs / 1000)),
    libphonenumberValid: parsedValid,
    heapUsedMB: round(memory.heapUsed / 1048576, 1),
    rssMB: round(memory.rss / 1048576, 1),
    node: process.version,
  };
  console.log(`inputs: ${TOTAL} (valid ${valid}, invalid ${TOTAL - valid}), default country ${DEFAULT_COUNTRY}`);
  console.log(`normalizeMany: ${figures.perSecond.toLocaleString('en')} normalizations/s`);
  console.log(`batch of ${BATCH}: p50 ${figures.p50BatchMs} ms, p99 ${figures.p99BatchMs} ms`);
  console.log(`libphonenumber-js parse+isValid: ${figures.libphonenumberPerSecond.toLocaleString('en')} /s`);
  console.log(`memory: heap ${figures.heapUsedMB} MB, rss ${figures.rssMB} MB`);
  console.log(JSON.stringify(figures));
}

main();
