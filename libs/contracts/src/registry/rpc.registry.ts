import {
  BalanceReply,
  CallAcceptedReply,
  CallControlRequest,
  CallTransferRequest,
  CampaignActionReply,
  CampaignActionRequest,
  CampaignStartRequest,
  CreateCallRequest,
  CustomerLookupReply,
  CustomerLookupRequest,
  DialerSettingsReply,
  HealthPingReply,
  HealthPingRequest,
  OrganizationQuery,
  ReserveCreditsReply,
  ReserveCreditsRequest,
} from '../rpc/rpc.messages';
import { Rpc } from '../subjects';
import type { ServiceName } from '../vocabulary';
import { request } from './define';

function ping(consumer: ServiceName) {
  return request('query', HealthPingRequest, HealthPingReply, {
    producers: ['api-gateway'],
    consumer,
    description: `Liveness of ${consumer} over NATS (readiness probes, npm start).`,
  });
}

const fromGateway = ['api-gateway'] as const;

export const rpcMessages = {
  [Rpc.Campaign.HealthPing]: ping('campaign'),
  [Rpc.Campaign.CampaignStart]: request('command', CampaignStartRequest, CampaignActionReply, {
    producers: fromGateway,
    consumer: 'campaign',
    description: 'Start (or start again) a campaign; fails with the first D3 check that does not pass.',
  }),
  [Rpc.Campaign.CampaignPause]: request('command', CampaignActionRequest, CampaignActionReply, {
    producers: fromGateway,
    consumer: 'campaign',
    description: 'Pause an active campaign.',
  }),
  [Rpc.Campaign.CampaignResume]: request('command', CampaignActionRequest, CampaignActionReply, {
    producers: fromGateway,
    consumer: 'campaign',
    description: 'Resume a paused campaign.',
  }),
  [Rpc.Campaign.CampaignCancel]: request('command', CampaignActionRequest, CampaignActionReply, {
    producers: fromGateway,
    consumer: 'campaign',
    description: 'Cancel a campaign.',
  }),
  [Rpc.Dialer.HealthPing]: ping('dialer-orchestrator'),
  [Rpc.Dialer.SettingsGet]: request('query', OrganizationQuery, DialerSettingsReply, {
    producers: fromGateway,
    consumer: 'dialer-orchestrator',
    description: "The dialer's view of an organization's capacity: slots, reserved inbound slots, active calls.",
  }),
  [Rpc.Dialer.CallCreate]: request('command', CreateCallRequest, CallAcceptedReply, {
    producers: ['api-gateway', 'campaign'],
    consumer: 'dialer-orchestrator',
    description: 'Create a single, test or click-to-call call; runs the E4 pre-checks in order.',
  }),
  [Rpc.Dialer.CallHangup]: request('command', CallControlRequest, CallAcceptedReply, {
    producers: fromGateway,
    consumer: 'dialer-orchestrator',
    description: 'Hang up a call.',
  }),
  [Rpc.Dialer.CallTransfer]: request('command', CallTransferRequest, CallAcceptedReply, {
    producers: fromGateway,
    consumer: 'dialer-orchestrator',
    description: 'Transfer a call in progress to a number or SIP URI.',
  }),
  [Rpc.Telephony.HealthPing]: ping('telephony-gateway'),
  [Rpc.Billing.HealthPing]: ping('billing'),
  [Rpc.Billing.BalanceGet]: request('query', OrganizationQuery, BalanceReply, {
    producers: ['api-gateway', 'campaign'],
    consumer: 'billing',
    description: 'Balance, reserved and available credits of an organization.',
  }),
  [Rpc.Billing.CreditsReserve]: request('command', ReserveCreditsRequest, ReserveCreditsReply, {
    producers: ['dialer-orchestrator'],
    consumer: 'billing',
    description: 'Hold credit for a call before it is dialled; idempotent on callId + attempt.',
  }),
  [Rpc.Transcript.HealthPing]: ping('transcript'),
  [Rpc.Ticketing.HealthPing]: ping('ticketing'),
  [Rpc.Ticketing.CustomerLookup]: request('query', CustomerLookupRequest, CustomerLookupReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    description: 'Screen-pop lookup of a customer by a raw phone number.',
  }),
};
