import { IsIn, IsOptional } from 'class-validator';
import { IsEntityId, IsText, IsTimestamp } from '../validation/decorators';
import { SERVICE_NAMES, type ServiceName } from '../vocabulary';

/**
 * Request/reply bodies shared by several contexts. Every RPC subject's failure replies with a
 * DomainError wire object instead of its reply body (see DomainError.toWire).
 */

/** rpc.<context>.health.ping */
export class HealthPingRequest {
  /** Who is asking (for logs). */
  @IsOptional()
  @IsText(100)
  from?: string;
}

export class HealthPingReply {
  @IsIn(SERVICE_NAMES)
  service: ServiceName;

  @IsOptional()
  @IsIn(['ok', 'degraded'])
  status?: 'ok' | 'degraded';

  @IsTimestamp()
  time: string;
}

/** A query about one organization (balance, dialer settings). */
export class OrganizationQuery {
  @IsEntityId()
  organizationId: string;
}
