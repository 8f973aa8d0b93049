import { contactTimeZones, type ContactTimeZoneInput } from './contact-time-zones';

describe('contactTimeZones', () => {
  it.each<[string, ContactTimeZoneInput, string[], string]>([
    ['the zone given with the contact wins', { given: 'Asia/Kolkata', number: '+905321234567', organization: 'Europe/Istanbul' }, ['Asia/Kolkata'], 'given'],
    ['an unusable given zone falls through to the number', { given: 'Mars/Olympus', number: '+905321234567' }, ['Europe/Istanbul'], 'number'],
    ['a Turkish number', { number: '+905321234567', organization: 'Europe/Berlin' }, ['Europe/Istanbul'], 'number'],
    ['a US number with a one-zone area code', { number: '+12125550100' }, ['America/New_York'], 'number'],
    ['a US toll-free number: every US zone', { number: '+18005550100', organization: 'America/New_York' },
      ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'America/Adak', 'Pacific/Honolulu'], 'number'],
    ['an unparsable number: the organization zone', { number: 'not a number', organization: 'Europe/Istanbul' }, ['Europe/Istanbul'], 'organization_default'],
    ['no number: the organization zone', { organization: 'Europe/Istanbul' }, ['Europe/Istanbul'], 'organization_default'],
    ['nothing usable', { given: '', number: null, organization: 'Nowhere/Else' }, [], 'unknown'],
  ])('%s', (_name, input, zones, source) => {
    expect(contactTimeZones(input)).toEqual({ zones, source });
  });
});
