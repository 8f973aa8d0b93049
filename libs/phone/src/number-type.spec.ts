import { getCountries, parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/examples.mobile.json';
import { METADATA } from './phone-metadata';
import { validNumberType } from './number-type';

// Deterministic PRNG so a failure names the same numbers on every run.
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function libraryAnswer(number: PhoneNumber): string | undefined {
  return number.isValid() ? number.getType() : undefined;
}

describe('validNumberType agrees with libphonenumber-js isValid()/getType()', () => {
  const random = prng(42);
  const countries = getCountries(METADATA);

  it.each(countries)('%s: example mobile number and 40 variations', (country) => {
    const example = (examples as Record<string, string | undefined>)[country];
    const samples = new Set<string>();
    if (example) {
      samples.add(example);
      for (let i = 0; i < 30; i++) {
        // Change the last 1-4 digits: mostly valid numbers of several types, some not.
        const keep = example.length - 1 - Math.floor(random() * 4);
        let variant = example.slice(0, keep);
        while (variant.length < example.length) variant += Math.floor(random() * 10);
        samples.add(variant);
      }
    }
    for (let i = 0; i < 10; i++) {
      const length = 4 + Math.floor(random() * 10);
      samples.add(Array.from({ length }, () => Math.floor(random() * 10)).join(''));
    }
    const disagreements: string[] = [];
    for (const sample of samples) {
      const number = parsePhoneNumberFromString(sample, { defaultCountry: country }, METADATA);
      if (number && validNumberType(number) !== libraryAnswer(number)) disagreements.push(number.number);
    }
    expect(disagreements).toStrictEqual([]);
  });

  it.each(['+80012345678', '+88213400000', '+870773111632', '+979123456789', '+882123'])(
    'non-geographic %s',
    (e164) => {
      const number = parsePhoneNumberFromString(e164, METADATA);
      expect(number).toBeDefined();
      expect(validNumberType(number as PhoneNumber)).toBe(libraryAnswer(number as PhoneNumber));
    },
  );
});
