import { cleanPhoneInput, countryPlan, describeLengths, digitsOf, hasDigit } from './phone-metadata';

describe('countryPlan', () => {
  // Also guards the library internals we read (nationalPrefix, per-type lengths).
  it.each([
    ['TR', '90', '0', [7, 10, 12, 13], [10]],
    ['US', '1', '1', [10], [10]],
    ['GB', '44', '0', [7, 9, 10], [9, 10]],
    ['VN', '84', '0', [7, 8, 9, 10], [9, 10]],
  ])('%s: +%s, trunk %s, lengths %j, typical %j', (country, callingCode, nationalPrefix, possible, typical) => {
    expect(countryPlan(country)).toMatchObject({
      country,
      callingCode,
      nationalPrefix,
      possibleLengths: possible,
      typicalLengths: typical,
      parseOptions: { defaultCountry: country, extract: false },
    });
  });

  it('accepts any case and spaces, returning the same cached plan', () => {
    expect(countryPlan('tr')).toBe(countryPlan('TR'));
    expect(countryPlan(' Tr ')).toBe(countryPlan('TR'));
  });

  it.each(['XX', 'ZZ', '', 'TUR', '90', '__proto__', 'toString'])('%j is not a country', (code) => {
    expect(countryPlan(code)).toBeNull();
  });
});

describe('input helpers', () => {
  it.each([
    ['0555 123 45 67', '0555 123 45 67'],
    ['0555\t123\r\n45 67', '0555 123 45 67'],
    ['\u00a00555\u2009123\u200b45\u3000', '0555 123 45'],
    ['TEL:+90 555', '+90 555'],
  ])('cleanPhoneInput(%j) → %j', (input, cleaned) => {
    expect(cleanPhoneInput(input)).toBe(cleaned);
  });

  it.each([
    ['+90 (555) 12３ x 12', '+9055512312'],
    ['٠٥٥٥', '0555'],
    ['abc', ''],
  ])('digitsOf(%j) → %j', (input, digits) => {
    expect(digitsOf(input)).toBe(digits);
  });

  it.each([
    ['abc', false],
    ['', false],
    ['a1', true],
    ['٣', true],
    ['５', true],
  ])('hasDigit(%j) → %s', (input, expected) => {
    expect(hasDigit(input)).toBe(expected);
  });

  it.each([
    [[10], '10'],
    [[9, 10], '9 or 10'],
    [[7, 10, 12], '7, 10 or 12'],
    [[5, 6, 7, 8], '5 to 8'],
    [[], 'unknown'],
  ])('describeLengths(%j) → %s', (lengths, text) => {
    expect(describeLengths(lengths)).toBe(text);
  });
});
