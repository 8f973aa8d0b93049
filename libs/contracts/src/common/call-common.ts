import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsEntityId, IsIntBetween, IsText } from '../validation/decorators';
import {
  CALL_END_REASONS,
  CALL_END_STATUSES,
  CALL_FAULTS,
  type CallEndReason,
  type CallEndStatus,
  type CallFault,
} from '../vocabulary';

/**
 * How a call (or leg) ended, as data (DESIGN §7): the same taxonomy for every provider,
 * with the raw provider code and SIP cause kept for support.
 */
export class CallEndReasonV1 {
  @IsIn(CALL_END_STATUSES)
  status: CallEndStatus;

  @IsIn(CALL_END_REASONS)
  reason: CallEndReason;

  @IsIn(CALL_FAULTS)
  fault: CallFault;

  /** Whether the attempt is charged (talk time, or the minimum charge of H2). */
  @IsBoolean()
  billable: boolean;

  /** The provider's own status/error code, verbatim (e.g. REQUEST_ANSWER_URL_ERROR). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  providerCode?: string;

  /** SIP response code (486 busy, 480 unavailable, …). */
  @IsOptional()
  @IsIntBetween(100, 699)
  sipCause?: number;

  @IsOptional()
  @IsText(500)
  message?: string;
}

/** A provider's operator (employee) on a call (G3 employee_info, G4 mapping). */
export class ProviderOperatorV1 {
  @IsText(100)
  providerEmployeeId: string;

  @IsOptional()
  @IsText(200)
  name?: string;

  /** The platform user, when the mapping is known to the publisher. */
  @IsOptional()
  @IsEntityId()
  userId?: string;
}
