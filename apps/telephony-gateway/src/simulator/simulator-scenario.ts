/**
 * How the simulated provider decides what happens to a call (pure, seeded). Documented
 * in apps/telephony-gateway/README.md ("Simulator rules").
 */
export type SimOutcome = 'answered' | 'busy' | 'no_answer' | 'failed' | 'voicemail' | 'silent' | 'vanish' | `error:${string}` | `failed:${string}`;

export interface SimRange {
  min: number;
  max: number;
}

export interface SimScenario {
  /** 60 → one simulated minute per real second. */
  timeScale: number;
  seed: number;
  ringSeconds: SimRange;
  rates: { answer: number; busy: number; noAnswer: number; failure: number; voicemail: number };
  talkSeconds: SimRange;
  transferOutcome: 'answered' | 'no_answer' | 'busy';
  transferRingSeconds: number;
  recording: boolean;
  transcriptSegments: number;
  overrides: Array<{ pattern: string; outcome: SimOutcome }>;
}

/** Number patterns every simulator account honours after its own overrides. */
export const BUILT_IN_OVERRIDES: ReadonlyArray<{ pattern: string; outcome: SimOutcome }> = [
  { pattern: '0001$', outcome: 'busy' },
  { pattern: '0002$', outcome: 'no_answer' },
  { pattern: '0003$', outcome: 'failed' },
  { pattern: '0004$', outcome: 'voicemail' },
  { pattern: '0005$', outcome: 'answered' },
  { pattern: '0006$', outcome: 'silent' },
  { pattern: '0007$', outcome: 'vanish' },
  { pattern: '0008$', outcome: 'error:REQUEST_ANSWER_URL_ERROR' },
  { pattern: '0009$', outcome: 'failed:AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL' },
];

export const DEFAULT_SCENARIO: SimScenario = {
  timeScale: 1,
  seed: 1,
  ringSeconds: { min: 2, max: 8 },
  rates: { answer: 0.6, busy: 0.1, noAnswer: 0.15, failure: 0.05, voicemail: 0.1 },
  talkSeconds: { min: 20, max: 180 },
  transferOutcome: 'answered',
  transferRingSeconds: 4,
  recording: true,
  transcriptSegments: 4,
  overrides: [],
};

function num(v: unknown, fallback: number, min: number, max: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
}

function range(v: unknown, fallback: SimRange): SimRange {
  if (typeof v !== 'object' || v === null) return fallback;
  const r = v as Record<string, unknown>;
  const min = num(r.min, fallback.min, 0, 86_400);
  return { min, max: Math.max(min, num(r.max, fallback.max, 0, 86_400)) };
}

/** Reads a provider account's `settings` into a complete scenario (unknown keys ignored). */
export function scenarioFrom(settings: Record<string, unknown>): SimScenario {
  const d = DEFAULT_SCENARIO;
  const rates = (typeof settings.rates === 'object' && settings.rates !== null ? settings.rates : {}) as Record<string, unknown>;
  const overrides = Array.isArray(settings.overrides)
    ? settings.overrides.filter((o): o is { pattern: string; outcome: SimOutcome } => typeof o?.pattern === 'string' && typeof o?.outcome === 'string')
    : [];
  const outcome = settings.transferOutcome;
  return {
    timeScale: num(settings.timeScale, d.timeScale, 1, 10_000),
    seed: Math.floor(num(settings.seed, d.seed, 0, 2 ** 31)),
    ringSeconds: range(settings.ringSeconds, d.ringSeconds),
    rates: {
      answer: num(rates.answer, d.rates.answer, 0, 1),
      busy: num(rates.busy, d.rates.busy, 0, 1),
      noAnswer: num(rates.noAnswer, d.rates.noAnswer, 0, 1),
      failure: num(rates.failure, d.rates.failure, 0, 1),
      voicemail: num(rates.voicemail, d.rates.voicemail, 0, 1),
    },
    talkSeconds: range(settings.talkSeconds, d.talkSeconds),
    transferOutcome: outcome === 'no_answer' || outcome === 'busy' ? outcome : 'answered',
    transferRingSeconds: num(settings.transferRingSeconds, d.transferRingSeconds, 0, 120),
    recording: settings.recording !== false,
    transcriptSegments: Math.floor(num(settings.transcriptSegments, d.transcriptSegments, 0, 50)),
    overrides,
  };
}

/** mulberry32 seeded with the account seed and the call's reference: same call → same fate. */
export function rngFor(seed: number, key: string): () => number {
  let h = seed ^ 0x9e3779b9;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x85ebca6b);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function matches(pattern: string, to: string): boolean {
  try {
    return new RegExp(pattern).test(to);
  } catch {
    return to.endsWith(pattern);
  }
}

export interface CallPlan {
  outcome: SimOutcome;
  ringSeconds: number;
  talkSeconds: number;
  hangupBy: 'customer' | 'agent';
}

/** Decides a call's outcome: overrides by number pattern first, then the rates. */
export function planCall(s: SimScenario, to: string, key: string, ringTimeoutSeconds: number): CallPlan {
  const rnd = rngFor(s.seed, key);
  const pick = (r: SimRange) => r.min + (r.max - r.min) * rnd();
  const ringSeconds = Math.min(pick(s.ringSeconds), ringTimeoutSeconds);
  const talkSeconds = Math.round(pick(s.talkSeconds));
  const hangupBy = rnd() < 0.5 ? 'customer' : 'agent';
  const override = [...s.overrides, ...BUILT_IN_OVERRIDES].find((o) => matches(o.pattern, to));
  if (override) return { outcome: override.outcome, ringSeconds, talkSeconds, hangupBy };
  const { answer, busy, noAnswer, failure, voicemail } = s.rates;
  const total = answer + busy + noAnswer + failure + voicemail || 1;
  let x = rnd() * total;
  const table: Array<[number, SimOutcome]> = [[answer, 'answered'], [busy, 'busy'], [noAnswer, 'no_answer'], [failure, 'failed'], [voicemail, 'voicemail']];
  for (const [weight, outcome] of table) {
    if (x < weight) return { outcome, ringSeconds, talkSeconds, hangupBy };
    x -= weight;
  }
  return { outcome: 'answered', ringSeconds, talkSeconds, hangupBy };
}
