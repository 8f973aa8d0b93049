import { Module } from '@nestjs/common';
import { ServiceRpc } from '../common/service-rpc';
import { CallListsHttpController } from './call-lists.http.controller';
import { ExportCallListUseCase } from './export-call-list.use-case';
import { ImportUploads } from './import-uploads';

/** /v1/call-lists and /v1/imports: forwarded to the campaign service; uploads go through the import bucket. */
@Module({ controllers: [CallListsHttpController], providers: [ServiceRpc, ImportUploads, ExportCallListUseCase] })
export class CallListsModule {}
