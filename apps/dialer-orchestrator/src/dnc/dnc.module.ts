import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationNumbers } from '../settings/organization-numbers';
import { AddDncNumbersUseCase } from './add-dnc-numbers.use-case';
import { CheckDncNumbersUseCase } from './check-dnc-numbers.use-case';
import { DncEntryEntity } from './dnc-entry.entity';
import { DncMessagesController } from './dnc.messages.controller';
import { DncRepository } from './dnc.repository';
import { DncStore } from './dnc.store';
import { ListDncEntriesUseCase } from './list-dnc-entries.use-case';
import { RemoveDncEntryUseCase } from './remove-dnc-entry.use-case';

/** The do-not-call list (B4); exports the store for the dispatcher's TO_NUMBER_NOT_ALLOWS_CALLOUT check. */
@Module({
  imports: [TypeOrmModule.forFeature([DncEntryEntity])],
  controllers: [DncMessagesController],
  providers: [{ provide: DncStore, useClass: DncRepository }, OrganizationNumbers, AddDncNumbersUseCase, ListDncEntriesUseCase, RemoveDncEntryUseCase, CheckDncNumbersUseCase],
  exports: [DncStore],
})
export class DncModule {}
