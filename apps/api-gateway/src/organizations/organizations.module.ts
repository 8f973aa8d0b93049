import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { CreateOrganizationUseCase } from './create-organization.use-case';
import { GetOrganizationUseCase } from './get-organization.use-case';
import { OrganizationEntity } from './organization.entity';
import { OrganizationEventsPort } from './organization-events.port';
import { OutboxOrganizationEvents } from './outbox-organization-events';
import { OrganizationRepository } from './organization.repository';
import { OrganizationsHttpController } from './organizations.http.controller';
import { OrganizationsPort } from './organizations.port';
import { UpdateOrganizationUseCase } from './update-organization.use-case';

@Module({
  imports: [TypeOrmModule.forFeature([OrganizationEntity]), ApiKeysModule],
  controllers: [OrganizationsHttpController],
  providers: [
    { provide: OrganizationsPort, useClass: OrganizationRepository },
    { provide: OrganizationEventsPort, useClass: OutboxOrganizationEvents },
    CreateOrganizationUseCase,
    UpdateOrganizationUseCase,
    GetOrganizationUseCase,
  ],
  exports: [OrganizationsPort],
})
export class OrganizationsModule {}
