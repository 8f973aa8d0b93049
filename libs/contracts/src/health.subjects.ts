import { Rpc, type RpcSubject } from './subjects';
import type { ServiceName } from './vocabulary';

export type PingableService = Exclude<ServiceName, 'api-gateway'>;

const PING_SUBJECTS: Readonly<Record<PingableService, RpcSubject>> = {
  campaign: Rpc.Campaign.HealthPing,
  'dialer-orchestrator': Rpc.Dialer.HealthPing,
  'telephony-gateway': Rpc.Telephony.HealthPing,
  billing: Rpc.Billing.HealthPing,
  transcript: Rpc.Transcript.HealthPing,
  ticketing: Rpc.Ticketing.HealthPing,
};

/** Core NATS request/reply liveness probe of one service: `rpc.<context>.health.ping`. */
export function rpcPingSubject(service: PingableService): RpcSubject {
  return PING_SUBJECTS[service];
}
