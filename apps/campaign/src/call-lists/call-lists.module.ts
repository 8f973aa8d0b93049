import { Module } from '@nestjs/common';
import { CallListRepository } from './call-list.repository';
import { CallListsMessagesController } from './call-lists.messages.controller';
import { CallListsPort, OrganizationCountry } from './call-lists.port';
import { CreateCallListUseCase } from './create-call-list.use-case';
import { GetCallListUseCase } from './get-call-list.use-case';
import { ListCallListsUseCase } from './list-call-lists.use-case';
import { ListContactsUseCase } from './list-contacts.use-case';
import { ProjectedOrganizationCountry } from './organization-country';

/** Call lists and their contacts (B3); exports the port for the import. */
@Module({
  controllers: [CallListsMessagesController],
  providers: [
    { provide: CallListsPort, useClass: CallListRepository },
    { provide: OrganizationCountry, useClass: ProjectedOrganizationCountry },
    CreateCallListUseCase, GetCallListUseCase, ListCallListsUseCase, ListContactsUseCase,
  ],
  exports: [CallListsPort],
})
export class CallListsModule {}
