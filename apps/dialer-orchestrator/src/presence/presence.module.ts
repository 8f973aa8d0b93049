import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OperatorPresenceEntity } from './operator-presence.entity';
import { PresenceCheck } from './presence.check';
import { PresenceMessagesController } from './presence.messages.controller';
import { PresenceRepository } from './presence.repository';
import { PresenceStore } from './presence.store';
import { SetPresenceUseCase } from './set-presence.use-case';
import { OperatorCalls } from './operator-calls';
import { OperatorSweep } from './operator-sweep';
import { ReleaseStaleOperatorsUseCase } from './release-stale-operators.use-case';
import { StaleOperators } from './stale-operators';

/** Operators' presence (E4, E8) and its stale-operator sweep; exports the pre-dial operator check and the click-to-call hold. */
@Module({
  imports: [TypeOrmModule.forFeature([OperatorPresenceEntity])],
  controllers: [PresenceMessagesController],
  providers: [{ provide: PresenceStore, useClass: PresenceRepository }, SetPresenceUseCase, PresenceCheck, OperatorCalls, StaleOperators, ReleaseStaleOperatorsUseCase, OperatorSweep],
  exports: [PresenceCheck, OperatorCalls],
})
export class PresenceModule {}
