import { callerIdKey, sameNumber } from './index';

describe('callerIdKey: spellings of one number share one key', () => {
  it.each([
    '+90 555 123 45 67',
    '+905551234567',
    '0555 123 45 67',
    '05551234567',
    '905551234567',
    '90 555 123 45 67',
    '0090 555 123 45 67',
    '0090-555-123-45-67',
    '(0555) 123-45-67',
    '0 (555) 123 45 67',
    '+90 (555) 123-45-67',
    '5551234567',
    ' 0555\t123 45 67 ',
    '+90 555 123 45 67 ext. 9',
  ])('TR %j → +905551234567', (raw) => {
    expect(callerIdKey(raw, 'TR')).toBe('+905551234567');
  });

  it.each(['(415) 555-2671', '+1 415 555 2671', '1-415-555-2671', '415.555.2671', '011 1 415 555 2671'])(
    'US %j → +14155552671',
    (raw) => {
      expect(callerIdKey(raw, 'US')).toBe('+14155552671');
    },
  );

  it.each([
    ['+44 20 7946 0958', 'TR', '+442079460958'],
    ['0044 20 7946 0958', 'TR', '+442079460958'],
    ['+905551234567', undefined, '+905551234567'],
    ['+905551234567', 'XX', '+905551234567'],
    ['+905551234567', 'US', '+905551234567'],
  ])('international %j (default %s) → %s', (raw, country, key) => {
    expect(callerIdKey(raw, country)).toBe(key);
  });
});

describe('callerIdKey: numbers that are not valid', () => {
  it.each([
    // Possible length, unknown range: still E.164, so keys survive metadata updates.
    ['+90 155 123 45 67', 'TR', '+901551234567'],
    ['0155 123 45 67', 'TR', '+901551234567'],
    // Digits rule: trunk prefix / own calling code dropped, short codes as dialled.
    ['0555 123', 'TR', '555123'],
    ['+90 555 123', 'TR', '555123'],
    ['0090 555 123', 'TR', '555123'],
    ['112', 'TR', '112'],
    ['*112#', 'TR', '112'],
    // Another country's international number keeps its + and digits.
    ['+999 123456', 'TR', '+999123456'],
    ['00999 123456', 'TR', '+999123456'],
    // Without a default country a national number cannot be placed: digits as given.
    ['0555 123 45 67', undefined, '05551234567'],
    ['0555 123 45 67', 'XX', '05551234567'],
  ])('%j (default %s) → %s', (raw, country, key) => {
    expect(callerIdKey(raw, country)).toBe(key);
  });

  it.each(['anonymous', 'Restricted', 'unknown', '', '   ', '+', '-', '1'.repeat(65)])('%j → null', (raw) => {
    expect(callerIdKey(raw, 'TR')).toBeNull();
  });

  it('null for a non-string at runtime', () => {
    expect(callerIdKey(undefined as unknown as string, 'TR')).toBeNull();
  });
});

describe('sameNumber', () => {
  it.each([
    ['+90 555 123 45 67', '0555 123 45 67', 'TR', true],
    ['0090 555 123 45 67', '(0555) 123-45-67', 'TR', true],
    ['905551234567', '+905551234567', 'TR', true],
    ['0555 123 45 67', '0555 123 45 68', 'TR', false],
    ['0555 123 45 67', '+1 555 123 4567', 'TR', false],
    ['(415) 555-2671', '+14155552671', 'US', true],
    ['0555 123', '+90 555 123', 'TR', true],
    ['anonymous', 'anonymous', 'TR', false],
    ['', '', 'TR', false],
  ])('%j vs %j (default %s) → %s', (a, b, country, same) => {
    expect(sameNumber(a, b, country)).toBe(same);
  });
});
