import { request } from '../registry/define';
import type { ServiceName } from '../vocabulary';
import { HealthPingReply, HealthPingRequest } from './common.rpc';

/** The registry entry of `rpc.<context>.health.ping`, which every domain service answers
 * (stable: each answers with `rpcPingSubject('<service>')`). */
export function healthPing(consumer: Exclude<ServiceName, 'api-gateway'>) {
  return request('query', HealthPingRequest, HealthPingReply, {
    producers: ['api-gateway'],
    consumer,
    status: 'stable',
    description: `Liveness of ${consumer} over NATS (readiness probes, npm start).`,
  });
}
