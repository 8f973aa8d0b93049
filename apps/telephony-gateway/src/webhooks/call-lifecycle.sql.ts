import type { NormalizedFact } from '../providers/provider.port';

/** Order of a call's states as this service tracks them; a fact never moves a call backwards. */
export const STATE_RANK: Record<string, number> = { dialing: 0, initiated: 1, ringing: 2, answered: 3, forwarding: 4, ended: 9 };

export const RANK_SQL = (col: string) =>
  `(CASE ${col} WHEN 'dialing' THEN 0 WHEN 'initiated' THEN 1 WHEN 'ringing' THEN 2 WHEN 'answered' THEN 3 WHEN 'forwarding' THEN 4 ELSE 9 END)`;

/** The state a non-terminal fact moves a call to. */
export const STATE_OF_FACT: Partial<Record<NormalizedFact['kind'], string>> = {
  ringing: 'ringing',
  answered: 'answered',
  forwarding: 'forwarding',
  forwarded: 'answered',
  transfer_failed: 'answered',
};
