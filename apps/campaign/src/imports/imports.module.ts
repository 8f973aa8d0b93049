import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@santral/service-kit';
import { CallListsModule } from '../call-lists/call-lists.module';
import type { CampaignConfig } from '../config';
import { GetImportUseCase } from './get-import.use-case';
import { ImportJobRepository } from './import-job.repository';
import { ImportLimits } from './import-limits';
import { ImportQueue, InProcessImportQueue } from './import-runner';
import { DncLookup, ImportFiles, ImportJobsPort, ImportSink } from './imports.port';
import { ImportsMessagesController } from './imports.messages.controller';
import { ListRejectedRowsUseCase } from './list-rejected-rows.use-case';
import { InlinePhoneNormalizer, PhoneNormalizer, WorkerPhoneNormalizer } from './normalize-pool';
import { ObjectStoreImportFiles } from './object-store-import-files';
import { PgImportSink } from './pg-import-sink';
import { RpcDncLookup } from './rpc-dnc-lookup';
import { RunImportUseCase } from './run-import.use-case';
import { StartImportUseCase } from './start-import.use-case';

/** Call-list imports (B3): CSV/XLSX streamed from the upload bucket into contacts, all or nothing. */
@Module({
  imports: [CallListsModule],
  controllers: [ImportsMessagesController],
  providers: [
    { provide: ImportJobsPort, useClass: ImportJobRepository },
    { provide: ImportFiles, useClass: ObjectStoreImportFiles },
    { provide: ImportSink, useClass: PgImportSink },
    { provide: DncLookup, useClass: RpcDncLookup },
    { provide: ImportQueue, useClass: InProcessImportQueue },
    {
      provide: PhoneNormalizer,
      useFactory: (config: CampaignConfig) => (config.IMPORT_WORKERS > 0 ? new WorkerPhoneNormalizer(config.IMPORT_WORKERS) : new InlinePhoneNormalizer()),
      inject: [SERVICE_CONFIG],
    },
    {
      provide: ImportLimits,
      useFactory: (config: CampaignConfig): ImportLimits => ({
        maxRows: config.IMPORT_MAX_ROWS,
        xlsxMaxInflatedBytes: config.IMPORT_XLSX_MAX_INFLATED_MB * 1024 * 1024,
        heartbeatMs: Math.max(100, Math.floor(config.IMPORT_STALE_MS / 4)),
      }),
      inject: [SERVICE_CONFIG],
    },
    RunImportUseCase, StartImportUseCase, GetImportUseCase, ListRejectedRowsUseCase,
  ],
})
export class ImportsModule {}
