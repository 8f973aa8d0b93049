import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationNumbers } from '../settings/organization-numbers';
import { CreateHotlineUseCase } from './create-hotline.use-case';
import { GetHotlineUseCase } from './get-hotline.use-case';
import { HotlineCheck } from './hotline.check';
import { HotlineEntity } from './hotline.entity';
import { HotlineRepository } from './hotline.repository';
import { HotlineStore } from './hotline.store';
import { HotlinesMessagesController } from './hotlines.messages.controller';
import { ListHotlinesUseCase } from './list-hotlines.use-case';
import { UpdateHotlineUseCase } from './update-hotline.use-case';

/** Caller numbers (S3); exports the pre-dial caller-number check. */
@Module({
  imports: [TypeOrmModule.forFeature([HotlineEntity])],
  controllers: [HotlinesMessagesController],
  providers: [
    { provide: HotlineStore, useClass: HotlineRepository },
    OrganizationNumbers,
    CreateHotlineUseCase,
    ListHotlinesUseCase,
    GetHotlineUseCase,
    UpdateHotlineUseCase,
    HotlineCheck,
  ],
  exports: [HotlineCheck, HotlineStore],
})
export class HotlinesModule {}
