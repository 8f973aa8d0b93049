import { normalizePhoneNumber } from '@santral/phone';

/** The ISO country of an E.164 destination, for its per-country rate; undefined when unknown. */
export function destinationCountry(e164: string | undefined): string | undefined {
  if (!e164) return undefined;
  const r = normalizePhoneNumber(e164);
  return r.ok && r.country ? r.country : undefined;
}
