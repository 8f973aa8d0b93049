import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CallCloser } from './calls/call-closer';
import { HangupCallUseCase } from './calls/hangup-call.use-case';
import { OriginateCallUseCase } from './calls/originate-call.use-case';
import { SendSmsUseCase } from './calls/send-sms.use-case';
import { SmsMessageRepository } from './calls/sms-message.repository';
import { TelephonyCallRepository } from './calls/telephony-call.repository';
import { TelephonyCommandsMessagesController } from './calls/telephony-commands.messages.controller';
import { TransferCallUseCase } from './calls/transfer-call.use-case';
import { providerUrlAllowLists, simulatorControlKey, type TelephonyConfig } from './config';
import { AccountContextLoader } from './provider-accounts/account-context.loader';
import { ProviderSecretsOpener } from './provider-accounts/provider-secrets.opener';
import { CreateProviderAccountUseCase } from './provider-accounts/create-provider-account.use-case';
import { GetProviderAccountUseCase } from './provider-accounts/get-provider-account.use-case';
import { ListProviderAccountsUseCase } from './provider-accounts/list-provider-accounts.use-case';
import { ProviderAccountDirectory } from './provider-accounts/provider-account.directory';
import { ProviderAccountEntity } from './provider-accounts/provider-account.entity';
import { ProviderAccountRepository } from './provider-accounts/provider-account.repository';
import { ProviderAccountsMessagesController } from './provider-accounts/provider-accounts.messages.controller';
import { RotateWebhookTokenUseCase } from './provider-accounts/rotate-webhook-token.use-case';
import { SetOperatorMapUseCase } from './provider-accounts/set-operator-map.use-case';
import { TestProviderAccountUseCase } from './provider-accounts/test-provider-account.use-case';
import { ProviderAccountStore } from './provider-accounts/provider-account.store';
import { UpdateProviderAccountUseCase } from './provider-accounts/update-provider-account.use-case';
import { CallGearProvider } from './providers/callgear/callgear.provider';
import { ProviderRegistry } from './providers/provider.registry';
import { ProviderUrlPolicy } from './providers/provider-url.policy';
import { SimulatorProvider } from './providers/simulator/simulator.provider';
import { TwilioProvider } from './providers/twilio/twilio.provider';
import { ReconcileCallsUseCase } from './reconciler/reconcile-calls.use-case';
import { ReconcilerScheduler } from './reconciler/reconciler.scheduler';
import { IngestBatcher } from './webhooks/ingest-batcher';
import { IngestWebhookUseCase } from './webhooks/ingest-webhook.use-case';
import { PruneWebhookReceiptsUseCase } from './webhooks/prune-webhook-receipts.use-case';
import { RawBodyParser } from './webhooks/raw-body.parser';
import { WebhookBatchWriter } from './webhooks/webhook-batch.writer';
import { WebhookReceiptRepository } from './webhooks/webhook-receipt.repository';
import { WebhooksHttpController } from './webhooks/webhooks.http.controller';

/** The adapters, each with the URLs tenants may name for it (deployment config, SSRF). */
function providerRegistry(config: TelephonyConfig): ProviderRegistry {
  const allow = providerUrlAllowLists(config);
  const anyUrl = config.TELEPHONY_ALLOW_TENANT_URLS === 'true';
  return new ProviderRegistry([
    new SimulatorProvider({
      baseUrl: config.SIMULATOR_URL,
      toleranceSeconds: config.WEBHOOK_TOLERANCE_SECONDS,
      controlKey: simulatorControlKey(config),
      urls: new ProviderUrlPolicy(allow.simulator, anyUrl),
    }),
    new TwilioProvider(config.TWILIO_API_BASE_URL, new ProviderUrlPolicy(allow.twilio, anyUrl)),
    new CallGearProvider({ callApiUrl: config.CALLGEAR_CALL_API_URL, dataApiUrl: config.CALLGEAR_DATA_API_URL, urls: new ProviderUrlPolicy(allow.callgear, anyUrl) }),
  ]);
}

/** Provider accounts, webhook ingest, commands, reconciler (DESIGN §3, §6, §7). The kit runs the bus. */
@Module({})
export class TelephonyModule {
  static register(config: TelephonyConfig): DynamicModule {
    return {
      module: TelephonyModule,
      imports: [TypeOrmModule.forFeature([ProviderAccountEntity])],
      controllers: [ProviderAccountsMessagesController, TelephonyCommandsMessagesController],
      providers: [
        {
          provide: ProviderRegistry,
          useValue: providerRegistry(config),
        },
        {
          provide: IngestBatcher,
          useFactory: (ds: DataSource) =>
            new IngestBatcher(new WebhookBatchWriter(ds, config.SUBJECT_PREFIX || undefined, config.DEFAULT_MAX_CALL_SECONDS, config.WEBHOOK_RETENTION_DAYS), {
              maxBatch: config.INGEST_BATCH_MAX,
              maxConcurrent: config.INGEST_CONCURRENCY,
              minBatch: config.INGEST_BATCH_MIN,
              lingerMs: config.INGEST_LINGER_MS,
            }),
          inject: [DataSource],
        },
        RawBodyParser,
        WebhooksHttpController,
        ProviderAccountRepository,
        AccountContextLoader,
        ProviderSecretsOpener,
        ProviderAccountDirectory,
        TelephonyCallRepository,
        SmsMessageRepository,
        WebhookReceiptRepository,
        CallCloser,
        CreateProviderAccountUseCase,
        ListProviderAccountsUseCase,
        GetProviderAccountUseCase,
        UpdateProviderAccountUseCase,
        ProviderAccountStore,
        TestProviderAccountUseCase,
        SetOperatorMapUseCase,
        RotateWebhookTokenUseCase,
        IngestWebhookUseCase,
        OriginateCallUseCase,
        HangupCallUseCase,
        TransferCallUseCase,
        SendSmsUseCase,
        ReconcileCallsUseCase,
        ReconcilerScheduler,
        PruneWebhookReceiptsUseCase,
      ],
    };
  }
}
