import { Inject, Injectable } from '@nestjs/common';
import { DomainError, importBucketName } from '@santral/contracts';
import { NatsConnectionProvider, objectStores } from '@santral/messaging';
import type { ObjectStore } from '@nats-io/obj';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { CampaignConfig } from '../config';
import { ImportFiles } from './imports.port';

/**
 * The upload bucket in JetStream's Object Store: the gateway streams a file in, any campaign
 * replica streams it out (chunk by chunk, never whole), and a failed job can read it again.
 */
@Injectable()
export class ObjectStoreImportFiles extends ImportFiles {
  private bucket: Promise<ObjectStore> | null = null;

  constructor(
    private readonly nats: NatsConnectionProvider,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<CampaignConfig, 'SUBJECT_PREFIX'>,
  ) {
    super();
  }

  private store(): Promise<ObjectStore> {
    this.bucket ??= objectStores(this.nats.connection).open(importBucketName(this.config.SUBJECT_PREFIX)).catch((error: Error) => {
      this.bucket = null;
      throw error;
    });
    return this.bucket;
  }

  async open(objectName: string): Promise<AsyncIterable<Uint8Array>> {
    const result = await (await this.store()).get(objectName);
    if (!result) throw new DomainError('IMPORT_FILE_UNREADABLE', `The uploaded file ${objectName} is not in the import bucket (expired or removed)`);
    const reader = result.data.getReader();
    return {
      async *[Symbol.asyncIterator]() {
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            yield value;
          }
          const error = await result.error;
          if (error) throw error;
        } finally {
          await reader.cancel().catch(() => undefined);
        }
      },
    };
  }

  async remove(objectName: string): Promise<void> {
    await (await this.store()).delete(objectName).catch(() => undefined);
  }
}
