import { IsOptional } from 'class-validator';
import { IsCountryCode, IsEntityId, IsIntBetween, IsText, IsTimeZoneName, IsNested } from '../validation/decorators';

/** Plan limits of an organization (A2); each is configurable per organization. */
export class OrganizationLimitsV1 {
  /** Concurrent call slots (free plan: 3). */
  @IsIntBetween(1, 10_000)
  concurrentSlots: number;

  /** Slots kept for inbound calls so campaigns cannot starve them (DESIGN §7). */
  @IsOptional()
  @IsIntBetween(0, 10_000)
  reservedInboundSlots?: number;

  /** Outbound calls started per hour across the organization. */
  @IsIntBetween(1, 1_000_000)
  callsPerHour: number;

  /** Minimum credit balance needed to start a call (default 10). */
  @IsIntBetween(0, 1_000_000)
  minCreditsToStart: number;
}

/** Snapshot of an organization; consumers keep a projection of it. */
export class OrganizationSnapshotV1 {
  @IsEntityId()
  organizationId: string;

  @IsText(200)
  name: string;

  /** Plan name (`free`, `standard`, …); the limits are what counts. */
  @IsText(50)
  plan: string;

  @IsNested(() => OrganizationLimitsV1)
  limits: OrganizationLimitsV1;

  /** Default country for normalizing national phone numbers (B1). */
  @IsCountryCode()
  defaultCountry: string;

  /** Default time zone for calling windows when a contact's is unknown. */
  @IsTimeZoneName()
  timeZone: string;
}

/** gateway.organization.created.v1 */
export class OrganizationCreatedV1 extends OrganizationSnapshotV1 {}

/** gateway.organization.updated.v1 — the full snapshot after the change. */
export class OrganizationUpdatedV1 extends OrganizationSnapshotV1 {}
