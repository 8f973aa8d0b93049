import { Controller } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Subjects, type EventEnvelope, type HangupCallV1, type OriginateCallV1, type SendSmsV1, type TransferCallV1 } from '@santral/contracts';
import { OnEvent } from '@santral/messaging';
import { HangupCallUseCase } from './hangup-call.use-case';
import { OriginateCallUseCase } from './originate-call.use-case';
import { SendSmsUseCase } from './send-sms.use-case';
import { TransferCallUseCase } from './transfer-call.use-case';

/**
 * Commands in over JetStream (DESIGN §2): each runs in the inbox transaction, so a redelivered
 * command is applied once; its payload was validated against its contracts class (an invalid one
 * is dead-lettered at once). Translation only.
 */
@Controller()
export class TelephonyCommandsMessagesController {
  constructor(
    private readonly originate: OriginateCallUseCase,
    private readonly hangup: HangupCallUseCase,
    private readonly transfer: TransferCallUseCase,
    private readonly sendSms: SendSmsUseCase,
  ) {}

  /** Provider round trips run in parallel; each holds one pooled connection for its inbox transaction. */
  @OnEvent(Subjects.Telephony.OriginateCall, { concurrency: 8 })
  onOriginate(cmd: OriginateCallV1, _env: EventEnvelope<OriginateCallV1>, m: EntityManager) {
    return this.originate.execute(cmd, m);
  }

  @OnEvent(Subjects.Telephony.HangupCall)
  onHangup(cmd: HangupCallV1, _env: EventEnvelope<HangupCallV1>, m: EntityManager) {
    return this.hangup.execute(cmd, m);
  }

  @OnEvent(Subjects.Telephony.TransferCall)
  onTransfer(cmd: TransferCallV1, _env: EventEnvelope<TransferCallV1>, m: EntityManager) {
    return this.transfer.execute(cmd, m);
  }

  @OnEvent(Subjects.Telephony.SendSms)
  onSendSms(cmd: SendSmsV1, _env: EventEnvelope<SendSmsV1>, m: EntityManager) {
    return this.sendSms.execute(cmd, m);
  }
}
