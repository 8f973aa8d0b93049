import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OperatorPresenceEntity } from './operator-presence.entity';
import { PresenceCheck } from './presence.check';
import { PresenceMessagesController } from './presence.messages.controller';
import { PresenceRepository } from './presence.repository';
import { PresenceStore } from './presence.store';
import { SetPresenceUseCase } from './set-presence.use-case';

/** Operators' presence (E4, E8); exports the pre-dial operator check. */
@Module({
  imports: [TypeOrmModule.forFeature([OperatorPresenceEntity])],
  controllers: [PresenceMessagesController],
  providers: [{ provide: PresenceStore, useClass: PresenceRepository }, SetPresenceUseCase, PresenceCheck],
  exports: [PresenceCheck],
})
export class PresenceModule {}
