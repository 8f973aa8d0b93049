import { IS_TIMEZONE, getMetadataStorage, validateSync } from 'class-validator';
import { IsTimeZoneName, isTimeZoneName } from './decorators';

class WithZone {
  @IsTimeZoneName() timeZone!: unknown;
}

describe('isTimeZoneName', () => {
  afterEach(() => jest.restoreAllMocks());

  it('knows the IANA zones of this runtime and nothing else', () => {
    for (const zone of ['Europe/Istanbul', 'Asia/Ho_Chi_Minh', 'America/Argentina/Buenos_Aires', 'UTC']) expect(isTimeZoneName(zone)).toBe(true);
    for (const bad of ['Mars/Olympus', '', 'x'.repeat(65), 'Europe/', 3, null, undefined, {}]) expect(isTimeZoneName(bad)).toBe(false);
  });

  it('asks the runtime once per name: the second answer, yes or no, comes from memory', () => {
    const built = jest.spyOn(Intl, 'DateTimeFormat');
    const zone = 'Pacific/Chatham';
    const junk = `Nowhere/${Date.now()}`;
    expect([isTimeZoneName(zone), isTimeZoneName(junk)]).toEqual([true, false]);
    const asked = built.mock.calls.length;
    expect(asked).toBeGreaterThan(0);
    for (let i = 0; i < 100; i++) expect([isTimeZoneName(zone), isTimeZoneName(junk)]).toEqual([true, false]);
    expect(built.mock.calls.length).toBe(asked);
  });

  it('as a rule: class-validator rule name kept (the JSON Schema converter maps it), a clear message', () => {
    const rules = getMetadataStorage().getTargetValidationMetadatas(WithZone, '', false, false);
    expect(rules.map((r) => r.name)).toEqual([IS_TIMEZONE]);
    expect(validateSync(Object.assign(new WithZone(), { timeZone: 'Europe/Istanbul' }))).toEqual([]);
    const [error] = validateSync(Object.assign(new WithZone(), { timeZone: 'Mars/Olympus' }));
    expect(error?.constraints).toEqual({ [IS_TIMEZONE]: 'timeZone must be an IANA time zone' });
  });
});
