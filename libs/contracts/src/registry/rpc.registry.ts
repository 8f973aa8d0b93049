import { BalanceReply, ReserveCreditsReply, ReserveCreditsRequest } from '../billing/billing.rpc';
import { CampaignActionReply, CampaignActionRequest, CampaignStartRequest } from '../campaign/campaign.rpc';
import { HealthPingReply, HealthPingRequest, OrganizationQuery } from '../common/common.rpc';
import { CallAcceptedReply, CallControlRequest, CallTransferRequest, CreateCallRequest, DialerSettingsReply } from '../dialer/dialer.rpc';
import { CustomerLookupReply, CustomerLookupRequest } from '../ticketing/ticketing.rpc';
import {
  OperatorMapSetRequest,
  ProviderAccountCreateRequest,
  ProviderAccountListRequest,
  ProviderAccountPageReply,
  ProviderAccountReply,
  ProviderAccountRequest,
  ProviderAccountTestReply,
  ProviderAccountUpdateRequest,
} from '../telephony/telephony.rpc';
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
  [Rpc.Telephony.ProviderAccountCreate]: request('command', ProviderAccountCreateRequest, ProviderAccountReply, {
    producers: fromGateway,
    consumer: 'telephony-gateway',
    description: 'Add a provider account (simulator, twilio, callgear); secrets are sealed and never returned.',
  }),
  [Rpc.Telephony.ProviderAccountList]: request('query', ProviderAccountListRequest, ProviderAccountPageReply, {
    producers: fromGateway,
    consumer: 'telephony-gateway',
    description: "A page of the organization's provider accounts, in creation order.",
  }),
  [Rpc.Telephony.ProviderAccountGet]: request('query', ProviderAccountRequest, ProviderAccountReply, {
    producers: fromGateway,
    consumer: 'telephony-gateway',
    description: 'One provider account of the organization (PROVIDER_ACCOUNT_NOT_FOUND for any other).',
  }),
  [Rpc.Telephony.ProviderAccountUpdate]: request('command', ProviderAccountUpdateRequest, ProviderAccountReply, {
    producers: fromGateway,
    consumer: 'telephony-gateway',
    description: 'Rename a provider account or merge new settings and secrets into it.',
  }),
  [Rpc.Telephony.ProviderAccountTest]: request('command', ProviderAccountRequest, ProviderAccountTestReply, {
    producers: fromGateway,
    consumer: 'telephony-gateway',
    description: "Check the account's credentials against the provider; the outcome is the reply, not an error.",
  }),
  [Rpc.Telephony.OperatorMapSet]: request('command', OperatorMapSetRequest, ProviderAccountReply, {
    producers: fromGateway,
    consumer: 'telephony-gateway',
    description: "Replace the account's map of provider employees (CallGear employee_id) to Santral users (G4).",
  }),
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
