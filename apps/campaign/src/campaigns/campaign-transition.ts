import { transitionCampaign, type CampaignEvent } from '@santral/call-state';
import { DomainError } from '@santral/contracts';
import type { Campaign } from './campaign';

/** Runs one event through the libs/call-state machine; a refused event is CAMPAIGN_INVALID_STATE naming both. */
export function transition(c: Campaign, event: CampaignEvent, now: Date): Campaign {
  const result = transitionCampaign(c.state, event);
  if (!result.ok) throw new DomainError('CAMPAIGN_INVALID_STATE', `A ${c.state} campaign cannot ${event.type.replace(/_/g, ' ')}`, { state: c.state, event: event.type });
  let next: Campaign = { ...c, state: result.next, updatedAt: now };
  for (const effect of result.effects) {
    if (effect.type === 'set_pause_reason') next = { ...next, pauseReason: effect.reason };
    if (effect.type === 'clear_pause_reason') next = { ...next, pauseReason: null };
  }
  if (next.state === 'completed' || next.state === 'cancelled') next = { ...next, finishedAt: now, pauseReason: null };
  return next;
}
