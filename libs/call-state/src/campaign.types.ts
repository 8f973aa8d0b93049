import type { TransitionResult, TransitionSpec } from './machine.engine';

/** Campaign states (REQUIREMENTS D2). */
export const CAMPAIGN_STATES = ['draft', 'scheduled', 'active', 'paused', 'completed', 'cancelled'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

export const TERMINAL_CAMPAIGN_STATES = ['completed', 'cancelled'] as const;
export type TerminalCampaignState = (typeof TERMINAL_CAMPAIGN_STATES)[number];

/**
 * Why a campaign is paused (D2, H3). Being outside calling hours is deliberately not a
 * pause: the campaign stays active and the dialer just does not dispatch (D5 diagnostics),
 * because a paused campaign only resumes by a manual start.
 */
export const PAUSE_REASONS = ['manual', 'insufficient_credits', 'end_date_reached', 'agent_inactive', 'sample_completed'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export const CAMPAIGN_EVENT_TYPES = [
  'schedule',
  'start',
  'pause',
  'resume',
  'all_contacts_done',
  'end_date_reached',
  'credits_exhausted',
  'cancel',
  'edit',
] as const;
export type CampaignEventType = (typeof CAMPAIGN_EVENT_TYPES)[number];

export type CampaignEvent =
  | { readonly type: 'schedule' }
  /** A user's start, or the scheduler when the start time arrives; D3 checks run before. */
  | { readonly type: 'start' }
  | { readonly type: 'pause'; readonly reason: PauseReason }
  /** The same user action as `start` from paused; nothing resumes a campaign automatically. */
  | { readonly type: 'resume' }
  | { readonly type: 'all_contacts_done' }
  | { readonly type: 'end_date_reached' }
  | { readonly type: 'credits_exhausted' }
  | { readonly type: 'cancel' }
  /** Schedule, windows, caps, list changed (DESIGN §7: editable while active). */
  | { readonly type: 'edit' };

export const CAMPAIGN_EFFECT_KINDS = [
  'record_transition',
  'set_pause_reason',
  'clear_pause_reason',
  'start_dispatch',
  'stop_dispatch',
  'cancel_queued_calls',
  'apply_settings',
] as const;
export type CampaignEffectKind = (typeof CAMPAIGN_EFFECT_KINDS)[number];

export type CampaignEffect =
  | {
      readonly type: 'record_transition';
      readonly from: CampaignState;
      readonly to: CampaignState;
      readonly event: CampaignEvent;
    }
  | { readonly type: 'set_pause_reason'; readonly reason: PauseReason }
  | { readonly type: 'clear_pause_reason' }
  | { readonly type: 'start_dispatch' }
  | { readonly type: 'stop_dispatch' }
  | { readonly type: 'cancel_queued_calls' }
  | { readonly type: 'apply_settings' };

export interface CampaignTransitionSpec extends TransitionSpec<CampaignState, CampaignEffectKind> {
  /** The pause reason of cells that pause for a fixed cause; `pause` carries its own. */
  readonly pauseReason?: PauseReason;
}

export type CampaignTransitionResult = TransitionResult<CampaignState, CampaignEventType, CampaignEffect>;
