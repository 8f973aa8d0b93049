import { makeEnvelope, Rpc, sourceOf, Subjects, validateEnvelope, validateMessage, validatePayload } from '../index';
import { isSafeText, MAX_INPUT_DEPTH, unsafeInputFields } from './input-rule';

const ORG = '0190a5b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b';
const HIGH = '\uD83D'; // the first half of 😀
const LOW = '\uDE00';

describe('isSafeText', () => {
  it.each([
    ['plain ASCII', 'Acme', true],
    ['Turkish letters', 'Kuru Temizleme A.Ş.', true],
    ['an emoji (a whole surrogate pair)', `smile ${HIGH}${LOW}`, true],
    ['the empty string', '', true],
    ['U+FFFD and other non-characters of the BMP', '\uFFFD\uFFFE', true],
    ['a NUL', 'a\u0000', false],
    ['a NUL alone', '\u0000', false],
    ['a high surrogate at the end', `a${HIGH}`, false],
    ['a high surrogate before a letter', `${HIGH}a`, false],
    ['a low surrogate alone', `a${LOW}b`, false],
    ['two high surrogates then one low', `${HIGH}${HIGH}${LOW}`, false],
    ['a reversed pair', `${LOW}${HIGH}`, false],
  ])('%s → %p', (_name, text, safe) => {
    expect(isSafeText(text)).toBe(safe);
  });
});

describe('unsafeInputFields', () => {
  it('names every bad string by its dotted path, at any depth, keys of free objects included', () => {
    const value = {
      name: 'a\u0000',
      ok: 'fine',
      settings: { nested: { label: `x${LOW}` }, [`k\u0000`]: 1, list: ['ok', 'b\u0000'] },
      count: 3,
    };
    expect(unsafeInputFields(value).map((e) => e.field).sort()).toEqual(['name', 'settings', 'settings.list.1', 'settings.nested.label']);
    expect(unsafeInputFields(value).find((e) => e.field === 'settings')?.message).toMatch(/keys of settings/);
  });

  it('finds nothing in good input, and reports a bare string under the root', () => {
    expect(unsafeInputFields({ a: ['x', { b: `${HIGH}${LOW}` }], n: null, t: true })).toEqual([]);
    expect(unsafeInputFields('\u0000', 'cursor')).toEqual([{ field: 'cursor', message: expect.stringContaining('NUL') }]);
  });

  it(`refuses nesting deeper than ${MAX_INPUT_DEPTH} levels, naming where it goes too deep, without overflowing the stack`, () => {
    const nest = (depth: number): unknown => {
      let value: unknown = 'bottom';
      for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
      return value;
    };
    expect(unsafeInputFields({ settings: nest(MAX_INPUT_DEPTH - 1) })).toEqual([]);
    const [tooDeep, ...rest] = unsafeInputFields({ settings: nest(MAX_INPUT_DEPTH) });
    expect(rest).toEqual([]);
    expect(tooDeep?.field).toMatch(/^settings\.(a\.0\.)+/);
    expect(tooDeep?.message).toMatch(/nests deeper than 32 levels/);
    expect(unsafeInputFields(nest(1_000_000))).toEqual([{ field: expect.any(String), message: expect.stringContaining('nests deeper') }]);
  });
});

describe('the input rule in validateAgainst (RPC requests, events)', () => {
  const create = { organizationId: ORG, type: 'simulator', name: 'Sim' };

  it('refuses a NUL or a lone surrogate anywhere in a request, naming the field', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...create, name: 'Sim\u0000' }, 'name'],
      [{ ...create, name: `Sim${HIGH}` }, 'name'],
      [{ ...create, settings: { label: 'x\u0000' } }, 'settings.label'],
      [{ ...create, settings: { ['k\u0000']: 1 } }, 'settings'],
      [{ ...create, secrets: { apiKey: `${LOW}` } }, 'secrets.apiKey'],
    ];
    for (const [data, field] of cases) {
      const result = validatePayload(Rpc.Telephony.ProviderAccountCreate, data);
      expect(result).toMatchObject({ ok: false, fieldErrors: [{ field, message: expect.stringContaining('NUL') }] });
    }
    expect(validatePayload(Rpc.Telephony.ProviderAccountCreate, { ...create, name: `Sim ${HIGH}${LOW}` }).ok).toBe(true);
  });

  it('refuses an event whose data or attributes break the rule', () => {
    const data = {
      organizationId: ORG,
      name: 'Kuru Temizleme',
      plan: 'free',
      limits: { concurrentSlots: 3, callsPerHour: 100, minCreditsToStart: 10 },
      defaultCountry: 'TR',
      timeZone: 'Europe/Istanbul',
    };
    const good = makeEnvelope({ type: Subjects.Gateway.OrganizationCreated, source: sourceOf('api-gateway'), data, orgid: ORG });
    expect(validateMessage(good).ok).toBe(true);
    expect(validateMessage({ ...good, data: { ...data, name: 'Kuru\u0000' } })).toMatchObject({ ok: false, fieldErrors: [{ field: 'data.name' }] });
    expect(validateEnvelope({ ...good, source: 'santral/billing\u0000' })).toMatchObject({ ok: false, errors: [expect.stringContaining('source')] });
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(validateMessage({ ...good, data: { ...data, limits: deep } })).toMatchObject({ ok: false, errors: [expect.stringContaining('nests deeper')] });
  });
});
