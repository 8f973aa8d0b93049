import { CAMPAIGN_MACHINE } from './campaign.table';
import {
  type CampaignEffect,
  type CampaignEffectKind,
  type CampaignEvent,
  type CampaignState,
  type CampaignTransitionResult,
  type CampaignTransitionSpec,
  type PauseReason,
  TERMINAL_CAMPAIGN_STATES,
} from './campaign.types';
import { assertUnreachable, findTransition, isTerminalIn } from './machine.engine';

/** Applies one event to a campaign state. Pure: the caller persists `next` and carries out `effects`. */
export function transitionCampaign(state: CampaignState, event: CampaignEvent): CampaignTransitionResult {
  const found = findTransition(CAMPAIGN_MACHINE, state, event.type);
  if (!found.ok) return found;
  const { spec } = found;
  return { ok: true, next: spec.to, effects: spec.effects.map((kind) => buildEffect(kind, state, spec, event)) };
}

function buildEffect(
  kind: CampaignEffectKind,
  from: CampaignState,
  spec: CampaignTransitionSpec,
  event: CampaignEvent,
): CampaignEffect {
  switch (kind) {
    case 'record_transition':
      return { type: kind, from, to: spec.to, event };
    case 'set_pause_reason':
      return { type: kind, reason: pauseReason(spec, event) };
    case 'clear_pause_reason':
    case 'start_dispatch':
    case 'stop_dispatch':
    case 'cancel_queued_calls':
    case 'apply_settings':
      return { type: kind };
    default:
      return assertUnreachable(kind);
  }
}

function pauseReason(spec: CampaignTransitionSpec, event: CampaignEvent): PauseReason {
  if (event.type === 'pause') return event.reason;
  if (spec.pauseReason === undefined) throw new Error(`campaign table: ${event.type} pauses without a pause reason`);
  return spec.pauseReason;
}

export function isTerminalCampaignState(state: string): state is CampaignState {
  return isTerminalIn({ terminal: TERMINAL_CAMPAIGN_STATES }, state);
}
