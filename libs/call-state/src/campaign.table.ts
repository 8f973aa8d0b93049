import {
  CAMPAIGN_EVENT_TYPES,
  CAMPAIGN_STATES,
  type CampaignEffectKind,
  type CampaignEventType,
  type CampaignState,
  type CampaignTransitionSpec,
  TERMINAL_CAMPAIGN_STATES,
} from './campaign.types';
import type { MachineDefinition, TransitionTable } from './machine.engine';

const RT = 'record_transition';
const PAUSE: readonly CampaignEffectKind[] = [RT, 'stop_dispatch', 'set_pause_reason'];
const START_FROM_PAUSE: CampaignTransitionSpec = { to: 'active', effects: [RT, 'clear_pause_reason', 'start_dispatch'] };
const edit = (state: CampaignState): CampaignTransitionSpec => ({ to: state, effects: ['apply_settings'] });

/** Cells not listed are rejected. */
export const CAMPAIGN_TABLE: TransitionTable<CampaignState, CampaignEventType, CampaignTransitionSpec> = {
  draft: {
    schedule: { to: 'scheduled', effects: [RT] },
    start: { to: 'active', effects: [RT, 'start_dispatch'] },
    cancel: { to: 'cancelled', effects: [RT] },
    edit: edit('draft'),
  },
  scheduled: {
    start: { to: 'active', effects: [RT, 'start_dispatch'] },
    // The window passed before it ever started: it is over, with the reason.
    end_date_reached: { to: 'completed', effects: [RT] },
    cancel: { to: 'cancelled', effects: [RT] },
    edit: edit('scheduled'),
  },
  active: {
    pause: { to: 'paused', effects: PAUSE },
    all_contacts_done: { to: 'completed', effects: [RT, 'stop_dispatch'] },
    end_date_reached: { to: 'completed', effects: [RT, 'stop_dispatch'] },
    credits_exhausted: { to: 'paused', effects: PAUSE, pauseReason: 'insufficient_credits' },
    cancel: { to: 'cancelled', effects: [RT, 'stop_dispatch', 'cancel_queued_calls'] },
    edit: edit('active'),
  },
  paused: {
    start: START_FROM_PAUSE,
    resume: START_FROM_PAUSE,
    // Calls in flight when it was paused may finish the last contacts.
    all_contacts_done: { to: 'completed', effects: [RT, 'clear_pause_reason'] },
    // Past the end date nothing can be dialled any more: completed with end_date_reached (issue 11).
    end_date_reached: { to: 'completed', effects: [RT, 'clear_pause_reason'] },
    cancel: { to: 'cancelled', effects: [RT, 'clear_pause_reason', 'cancel_queued_calls'] },
    edit: edit('paused'),
  },
  completed: {},
  cancelled: {},
};

export const CAMPAIGN_MACHINE: MachineDefinition<
  CampaignState,
  CampaignEventType,
  CampaignEffectKind,
  CampaignTransitionSpec
> = {
  name: 'campaign',
  states: CAMPAIGN_STATES,
  events: CAMPAIGN_EVENT_TYPES,
  terminal: TERMINAL_CAMPAIGN_STATES,
  table: CAMPAIGN_TABLE,
  effectDocs: {
    record_transition: 'Store the transition with its time and the event',
    set_pause_reason: 'Store why the campaign is paused (manual, insufficient_credits, agent_inactive, sample_completed)',
    clear_pause_reason: 'Forget the pause reason',
    start_dispatch: "The dialer may claim this campaign's call tasks (subject to windows, slots, caps)",
    stop_dispatch: 'The dialer stops claiming new tasks; calls in flight finish normally',
    cancel_queued_calls: 'Drop call tasks not yet dialled; calls in flight finish normally',
    apply_settings: 'Reload schedule, windows and caps; the state does not change',
  },
  notes: [
    'Events not listed for a state are rejected; the caller still stores the event.',
    'A paused campaign resumes only by an explicit user action: start and resume from paused are the same transition. No event resumes it automatically (H3), not even a credit top-up.',
    'Pausing an already paused campaign is rejected, so the first pause reason is kept.',
    'Outside calling hours is not a pause: the campaign stays active and diagnostics explain why nothing is dialled (D5).',
  ],
};
