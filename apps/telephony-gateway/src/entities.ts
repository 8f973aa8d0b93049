import { ProviderAccountEntity } from './provider-accounts/provider-account.entity';
import { ProviderCallRefEntity, TelephonyCallEntity } from './calls/telephony-call.entity';
import { SmsMessageEntity } from './calls/sms-message.entity';
import { WebhookReceiptEntity } from './webhooks/webhook-receipt.entity';

/** Every TypeORM entity of this service (its schema: telephony). */
export const entities: Array<new () => object> = [
  ProviderAccountEntity,
  TelephonyCallEntity,
  ProviderCallRefEntity,
  WebhookReceiptEntity,
  SmsMessageEntity,
];
