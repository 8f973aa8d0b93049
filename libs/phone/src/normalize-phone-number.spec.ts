import { MAX_PHONE_INPUT_LENGTH, PhoneErrorCode, normalizeMany, normalizePhoneNumber, type PhoneResult } from './index';

const PREFIX = 'Invalid phone number format: ';

describe('normalizePhoneNumber: accepted inputs', () => {
  it.each([
    // [input, default country, e164, country, type, national]
    ['0555 123 45 67', 'TR', '+905551234567', 'TR', 'mobile', '0555 123 45 67'],
    ['0 (532) 123-45-67', 'TR', '+905321234567', 'TR', 'mobile', '0532 123 45 67'],
    ['90 212 555 12 12', 'TR', '+902125551212', 'TR', 'fixed_line', '(0212) 555 12 12'],
    ['905551234567', 'TR', '+905551234567', 'TR', 'mobile', '0555 123 45 67'],
    ['0090 555 123 45 67', 'TR', '+905551234567', 'TR', 'mobile', '0555 123 45 67'],
    ['(0555) 123-45-67', 'TR', '+905551234567', 'TR', 'mobile', '0555 123 45 67'],
    ['5551234567', 'TR', '+905551234567', 'TR', 'mobile', '0555 123 45 67'],
    ['+90 (555) 123 45 67', undefined, '+905551234567', 'TR', 'mobile', '0555 123 45 67'],
    ['+90 (555) 123 45 67', 'US', '+905551234567', 'TR', 'mobile', '0555 123 45 67'],
    ['+90 0555 123 45 67', undefined, '+905551234567', 'TR', 'mobile', '0555 123 45 67'],
    ['0555 123 45 67', 'tr', '+905551234567', 'TR', 'mobile', '0555 123 45 67'],
    ['0555 123 45 67', ' TR ', '+905551234567', 'TR', 'mobile', '0555 123 45 67'],
    ['(415) 555-2671', 'US', '+14155552671', 'US', 'fixed_line_or_mobile', '(415) 555-2671'],
    ['1 415 555 2671', 'US', '+14155552671', 'US', 'fixed_line_or_mobile', '(415) 555-2671'],
    ['+14155551234', undefined, '+14155551234', 'US', 'fixed_line_or_mobile', '(415) 555-1234'],
    ['+1 (876) 555-1234', 'TR', '+18765551234', 'JM', 'mobile', '(876) 555-1234'],
    ['+1 416 555 0123', undefined, '+14165550123', 'CA', 'fixed_line_or_mobile', '(416) 555-0123'],
    ['00 44 20 7946 0958', 'TR', '+442079460958', 'GB', 'fixed_line', '020 7946 0958'],
    ['00 44 20 7946 0958', 'US', '+442079460958', 'GB', 'fixed_line', '020 7946 0958'],
    ['011 44 20 7946 0958', 'US', '+442079460958', 'GB', 'fixed_line', '020 7946 0958'],
    ['0044 20 7946 0958', undefined, '+442079460958', 'GB', 'fixed_line', '020 7946 0958'],
    ['020 7946 0958', 'GB', '+442079460958', 'GB', 'fixed_line', '020 7946 0958'],
    ['+44 7400 123456', undefined, '+447400123456', 'GB', 'mobile', '07400 123456'],
    ['+44 7624 369230', undefined, '+447624369230', 'IM', 'mobile', '07624 369230'],
    ['0912 345 678', 'VN', '+84912345678', 'VN', 'mobile', '0912 345 678'],
    ['+84 24 3825 1234', undefined, '+842438251234', 'VN', 'fixed_line', '024 3825 1234'],
    ['+49 30 901820', undefined, '+4930901820', 'DE', 'fixed_line', '030 901820'],
    ['+33 6 12 34 56 78', undefined, '+33612345678', 'FR', 'mobile', '06 12 34 56 78'],
    ['+7 701 123 4567', undefined, '+77011234567', 'KZ', 'mobile', '8 (701) 123 4567'],
    ['06 1234 5678', 'IT', '+390612345678', 'IT', 'fixed_line', '06 1234 5678'],
  ])('%j (default %s) → %s', (input, country, e164, region, type, national) => {
    expect(normalizePhoneNumber(input, country)).toStrictEqual({ ok: true, e164, country: region, type, national });
  });
});

describe('normalizePhoneNumber: messy characters', () => {
  it.each([
    ['tabs', '0555\t123\t45\t67'],
    ['newline and outer spaces', '  0555 123 45 67\n'],
    ['no-break spaces', '0555\u00a0123\u00a045\u00a067'],
    ['zero-width spaces', '0555\u200b123\u200b45\u200b67'],
    ['dots', '0555.123.45.67'],
    ['en dashes', '0555–123–45–67'],
    ['one digit at a time', '0 5 5 5 1 2 3 4 5 6 7'],
    ['Arabic-Indic digits', '٠٥٥٥ ١٢٣ ٤٥ ٦٧'],
    ['full-width digits and plus', '＋９０ ５５５ １２３ ４５ ６７'],
    ['tel: URI', 'tel:+90-555-123-45-67'],
  ])('%s: %j → +905551234567', (_name, input) => {
    const result = normalizePhoneNumber(input, 'TR');
    expect(result).toStrictEqual({ ok: true, e164: '+905551234567', country: 'TR', type: 'mobile', national: '0555 123 45 67' });
  });
});

describe('normalizePhoneNumber: number types (max metadata)', () => {
  it.each([
    ['0800 123 45 67', 'TR', '+908001234567', 'toll_free'],
    ['0900 123 45 67', 'TR', '+909001234567', 'premium_rate'],
    ['0850 123 45 67', 'TR', '+908501234567', 'voip'],
    ['444 1 234', 'TR', '+904441234', 'uan'],
    ['0512 123 45 67', 'TR', '+905121234567', 'pager'],
    ['+44 70 1234 5678', undefined, '+447012345678', 'personal_number'],
    ['+1 800 555 1234', undefined, '+18005551234', 'toll_free'],
  ])('%j → %s %s', (input, country, e164, type) => {
    expect(normalizePhoneNumber(input, country)).toMatchObject({ ok: true, e164, type });
  });

  it('a non-geographic number has country null', () => {
    expect(normalizePhoneNumber('+800 1234 5678')).toStrictEqual({
      ok: true, e164: '+80012345678', country: null, type: 'toll_free', national: '1234 5678',
    });
  });
});

describe('normalizePhoneNumber: extensions are kept apart from e164', () => {
  it.each([
    ['+90 555 123 45 67 ext. 12', 'TR', '+905551234567', '12'],
    ['0555 123 45 67 x 99', 'TR', '+905551234567', '99'],
    ['0555-123-45-67;ext=7', 'TR', '+905551234567', '7'],
    ['(415) 555-2671 #123', 'US', '+14155552671', '123'],
  ])('%j → %s extension %s', (input, country, e164, extension) => {
    expect(normalizePhoneNumber(input, country)).toMatchObject({ ok: true, e164, extension });
  });

  it('has no extension property when there is none', () => {
    expect(normalizePhoneNumber('0555 123 45 67', 'TR')).not.toHaveProperty('extension');
  });
});

describe('normalizePhoneNumber: rejected inputs', () => {
  const long = 'x'.repeat(MAX_PHONE_INPUT_LENGTH + 1);
  it.each([
    ['abc', 'TR', PhoneErrorCode.NOT_A_NUMBER, 'not a phone number (only digits, spaces, + ( ) - . / and an extension are allowed)'],
    ['', 'TR', PhoneErrorCode.NOT_A_NUMBER, 'empty input'],
    ['  \t ', 'TR', PhoneErrorCode.NOT_A_NUMBER, 'empty input'],
    ['n/a', 'TR', PhoneErrorCode.NOT_A_NUMBER, expect.stringContaining('not a phone number')],
    ['1-800-FLOWERS', 'US', PhoneErrorCode.NOT_A_NUMBER, expect.stringContaining('not a phone number')],
    ['call me: 0532 123 45 67', 'TR', PhoneErrorCode.NOT_A_NUMBER, expect.stringContaining('not a phone number')],
    ['call me: +90 532 123 45 67', undefined, PhoneErrorCode.NOT_A_NUMBER, expect.stringContaining('not a phone number')],
    ['0555 123 45 67 dahili 12', 'TR', PhoneErrorCode.NOT_A_NUMBER, expect.stringContaining('not a phone number')],
    [long, 'TR', PhoneErrorCode.NOT_A_NUMBER, 'input is longer than 64 characters'],
    ['0'.repeat(65), 'TR', PhoneErrorCode.NOT_A_NUMBER, 'input is longer than 64 characters'],
    ['0555 123 45 67', 'XX', PhoneErrorCode.INVALID_COUNTRY, 'unknown default country "XX"'],
    ['+905551234567', 'XX', PhoneErrorCode.INVALID_COUNTRY, 'unknown default country "XX"'],
    ['0555 123 45 67', 'TURKEY-LONG-NAME', PhoneErrorCode.INVALID_COUNTRY, 'unknown default country "TURKEY-L"'],
    ['0555 123 45 67', undefined, PhoneErrorCode.INVALID_COUNTRY,
      'a national number needs a default country; set one or write the number as +<country code><number>'],
    ['905551234567', '', PhoneErrorCode.INVALID_COUNTRY, expect.stringContaining('needs a default country')],
    ['+999 1234567', 'TR', PhoneErrorCode.INVALID_COUNTRY, 'unknown country calling code in +999...'],
    ['0555 123', 'TR', PhoneErrorCode.TOO_SHORT, 'too short for TR (6 digits, expected 10)'],
    ['0555 1234', 'TR', PhoneErrorCode.TOO_SHORT, 'too short for TR (7 digits, expected 10)'],
    ['1', 'TR', PhoneErrorCode.TOO_SHORT, 'too short for TR (1 digit, expected 10)'],
    ['+9', undefined, PhoneErrorCode.TOO_SHORT, 'too short (1 digit)'],
    ['0044 20 123', undefined, PhoneErrorCode.TOO_SHORT, 'too short for +44 (5 digits, expected 9 or 10)'],
    ['0555 123 45 678', 'TR', PhoneErrorCode.TOO_LONG, 'too long for TR (11 digits, expected 10)'],
    ['0555 123 45 67 89 12', 'TR', PhoneErrorCode.TOO_LONG, 'too long for TR (14 digits, expected 10)'],
    ['+90 555 123 45 67 89 01 23 45 67', undefined, PhoneErrorCode.TOO_LONG,
      'too long (22 digits; E.164 numbers have at most 15)'],
    ['0555 123 45 67 / 0532 111 22 33', 'TR', PhoneErrorCode.TOO_LONG, expect.stringContaining('too long')],
    ['+90 155 123 45 67', undefined, PhoneErrorCode.INVALID_PHONE_NUMBER,
      '+901551234567 is not a valid TR number (no number range matches)'],
    ['0155 123 45 67', 'TR', PhoneErrorCode.INVALID_PHONE_NUMBER,
      '+901551234567 is not a valid TR number (no number range matches)'],
    ['(555) 123-4567', 'US', PhoneErrorCode.INVALID_PHONE_NUMBER,
      '+15551234567 is not a valid US number (no number range matches)'],
    ['+44 76 2012 3456', undefined, PhoneErrorCode.INVALID_PHONE_NUMBER,
      '+447620123456 is not a valid +44 number (no number range matches)'],
  ])('%j (default %j) → %s', (input, country, code, detail) => {
    const expected = typeof detail === 'string' ? PREFIX + detail : detail;
    expect(normalizePhoneNumber(input, country)).toStrictEqual({ ok: false, code, reason: expected });
  });

  it.each(Object.values(PhoneErrorCode))('error code %s is produced by some input above', (code) => {
    const samples = ['abc', '0555 123', '0555 123 45 678', '+90 155 123 45 67', '+999 1234567'];
    const codes = samples.map((s) => normalizePhoneNumber(s, 'TR')).map((r) => (r.ok ? 'OK' : r.code));
    expect(codes).toContain(code);
  });

  it('every reason starts with the B1 wording', () => {
    const results = ['', 'abc', '0555 123', '+999 1', '+90 155 123 45 67', '0555 1'].map((s) => normalizePhoneNumber(s, 'TR'));
    for (const result of results) expect(result.ok ? 'ok' : result.reason.startsWith(PREFIX)).toBe(true);
  });

  it('a non-string at runtime is NOT_A_NUMBER, not an exception', () => {
    expect(normalizePhoneNumber(5551234567 as unknown as string, 'TR')).toStrictEqual({
      ok: false, code: 'NOT_A_NUMBER', reason: PREFIX + 'expected a string',
    });
  });
});

describe('normalizeMany', () => {
  const inputs = ['0555 123 45 67', 'abc', '+44 20 7946 0958', '0555 123', '90 212 555 12 12'];

  it('returns one result per input, in order, equal to normalizePhoneNumber', () => {
    const results = normalizeMany(inputs, 'TR');
    expect(results).toStrictEqual(inputs.map((input) => normalizePhoneNumber(input, 'TR')));
    expect(results.map((r: PhoneResult) => (r.ok ? r.e164 : r.code))).toStrictEqual([
      '+905551234567', 'NOT_A_NUMBER', '+442079460958', 'TOO_SHORT', '+902125551212',
    ]);
  });

  it('an unknown default country fails every row with INVALID_COUNTRY', () => {
    const results = normalizeMany(inputs, 'ZZ');
    expect(results).toHaveLength(inputs.length);
    expect(new Set(results.map((r) => (r.ok ? 'ok' : r.code)))).toStrictEqual(new Set(['INVALID_COUNTRY']));
  });

  it('handles an empty list', () => {
    expect(normalizeMany([], 'TR')).toStrictEqual([]);
  });
});
