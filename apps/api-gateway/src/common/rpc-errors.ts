import { DomainError } from '@santral/contracts';
import { RpcNoRespondersError, RpcRemoteError, RpcTimeoutError, type RpcWireError } from '@santral/messaging';

/**
 * A service's error reply as a DomainError. Services send only DomainError's wire object (rpc-wire
 * makes anything else INTERNAL), so anything else here is INTERNAL too, and a code this gateway
 * does not know is INTERNAL (`fromWire`): its status cannot be trusted.
 */
function fromRemote(wire: RpcWireError, service: string): DomainError {
  if (DomainError.isWire(wire)) return DomainError.fromWire(wire);
  return new DomainError('INTERNAL', `${service} failed`, { remote: wire });
}

/**
 * What a failed request to a service behind the gateway becomes (then problem+json): the
 * service's own stable code; SERVICE_UNAVAILABLE (503) when nobody serves the subject or NATS
 * cannot be reached, so nothing was applied; UPSTREAM_TIMEOUT (504) when no reply came in time,
 * so the change may or may not have been applied.
 */
export function fromRpcError(error: unknown, service: string): DomainError {
  if (error instanceof RpcRemoteError) return fromRemote(error.wire, service);
  if (error instanceof RpcTimeoutError) {
    return new DomainError('UPSTREAM_TIMEOUT', `${service} did not answer within ${error.timeoutMs} ms; the request may or may not have been applied`);
  }
  const detail = `${service} is not available right now; try again shortly`;
  if (error instanceof RpcNoRespondersError) return new DomainError('SERVICE_UNAVAILABLE', detail);
  return new DomainError('SERVICE_UNAVAILABLE', detail, { cause: error instanceof Error ? error.message : String(error) });
}
