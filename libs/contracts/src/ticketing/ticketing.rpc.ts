import { IsBoolean, IsOptional } from 'class-validator';
import { IsE164, IsEntityId, IsNested, IsText } from '../validation/decorators';
import { CustomerCardV1 } from './ticketing.events';

/** Request and reply bodies of rpc.ticketing.*. */

/** rpc.ticketing.customer.lookup — the screen-pop lookup by a raw phone number (B2). */
export class CustomerLookupRequest {
  @IsEntityId()
  organizationId: string;

  @IsText(64)
  phone: string;
}

export class CustomerLookupReply {
  @IsBoolean()
  matched: boolean;

  /** The normalized number, when the input could be normalized. */
  @IsOptional()
  @IsE164()
  phone?: string;

  @IsOptional()
  @IsNested(() => CustomerCardV1)
  customer?: CustomerCardV1;
}
