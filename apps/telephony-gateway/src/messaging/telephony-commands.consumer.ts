import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HangupCallV1, OriginateCallV1, SendSmsV1, TransferCallV1 } from '@santral/contracts';
import { EventBus } from '@santral/messaging';
import { SERVICE_CONFIG } from '@santral/service-kit';
import { HangupCallUseCase } from '../calls/hangup-call.use-case';
import { OriginateCallUseCase } from '../calls/originate-call.use-case';
import { SendSmsUseCase } from '../calls/send-sms.use-case';
import { TransferCallUseCase } from '../calls/transfer-call.use-case';
import type { TelephonyConfig } from '../config';
import { SubjectNames } from '../shared/subject-names';
import { dtoValidator } from './event-bus.options';

/**
 * Commands in over JetStream (DESIGN §2): each runs in the inbox transaction, so a
 * redelivered command is applied once. Subjects carry the configured prefix, so they
 * are subscribed here rather than with a static @OnEvent.
 */
@Injectable()
export class TelephonyCommandsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly bus: EventBus,
    private readonly subjects: SubjectNames,
    private readonly originate: OriginateCallUseCase,
    private readonly hangup: HangupCallUseCase,
    private readonly transfer: TransferCallUseCase,
    private readonly sendSms: SendSmsUseCase,
    @Inject(SERVICE_CONFIG) private readonly config: TelephonyConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.CONSUME_COMMANDS === 'true') {
      const s = this.subjects;
      await this.bus.subscribe(s.of('OriginateCall'), (d, _e, m: EntityManager) => this.originate.execute(d as OriginateCallV1, m), { validator: dtoValidator(OriginateCallV1), concurrency: 8 });
      await this.bus.subscribe(s.of('HangupCall'), (d, _e, m: EntityManager) => this.hangup.execute(d as HangupCallV1, m), { validator: dtoValidator(HangupCallV1) });
      await this.bus.subscribe(s.of('TransferCall'), (d, _e, m: EntityManager) => this.transfer.execute(d as TransferCallV1, m), { validator: dtoValidator(TransferCallV1) });
      await this.bus.subscribe(s.of('SendSms'), (d, _e, m: EntityManager) => this.sendSms.execute(d as SendSmsV1, m), { validator: dtoValidator(SendSmsV1) });
    }
    await this.bus.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.bus.stop();
  }
}
