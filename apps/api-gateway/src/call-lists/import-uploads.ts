import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { CALL_LIST_LIMITS, DomainError, importBucketName, ImportMappingV1, validateAgainst } from '@santral/contracts';
import { NatsConnectionProvider, objectStores } from '@santral/messaging';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { ObjectStore } from '@nats-io/obj';
import type { FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import type { GatewayConfig } from '../config';

export interface Upload {
  objectName: string;
  fileName: string;
  mapping?: ImportMappingV1;
}

/** Uploads wait a day at most for their import. */
const UPLOAD_TTL_NS = 24 * 3600 * 1e9;

/**
 * The multipart upload of an import streamed into the JetStream Object Store bucket (chunked,
 * never whole in memory, never one NATS message): the campaign service reads it from there.
 * Parts: `file` (required, once) and `mapping` (optional JSON: which column is phone / name / timeZone).
 */
@Injectable()
export class ImportUploads {
  private bucketStore: Promise<ObjectStore> | null = null;

  constructor(
    private readonly nats: NatsConnectionProvider,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {}

  private bucket(): Promise<ObjectStore> {
    this.bucketStore ??= objectStores(this.nats.connection).create(importBucketName(this.config.SUBJECT_PREFIX), { ttl: UPLOAD_TTL_NS, storage: 'file' }).catch((error: Error) => {
      this.bucketStore = null;
      throw error;
    });
    return this.bucketStore;
  }

  async receive(req: FastifyRequest): Promise<Upload> {
    if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data with a part named "file"');
    let upload: { objectName: string; fileName: string } | null = null;
    let mappingText: string | undefined;
    try {
      const parts = req.parts()[Symbol.asyncIterator]();
      for (;;) {
        const next = await parts.next().catch((error: unknown) => {
          throw multipartProblem(error);
        });
        if (next.done) break;
        const part = next.value;
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || upload) {
            part.file.resume();
            throw DomainError.validation([{ field: part.fieldname, message: 'send one file, in the part named "file"' }]);
          }
          upload = { objectName: uuidv7(), fileName: (part.filename || 'upload').slice(0, 255) };
          await this.store(upload.objectName, part.file);
        } else if (part.fieldname === 'mapping') {
          mappingText = String(part.value);
        } else {
          throw DomainError.validation([{ field: part.fieldname, message: 'unknown part: send "file" and optionally "mapping"' }]);
        }
      }
      if (!upload) throw DomainError.validation([{ field: 'file', message: 'a file part named "file" is required' }]);
      const mapping = mappingText === undefined ? undefined : this.mapping(mappingText);
      return { ...upload, ...(mapping ? { mapping } : {}) };
    } catch (error) {
      if (upload) await this.discard(upload.objectName);
      throw error;
    }
  }

  /** Streams one file part into the bucket; a broken or too large part is the client's fault, a failing bucket is 503. */
  private async store(objectName: string, file: Readable & { truncated?: boolean }): Promise<void> {
    let partError: unknown = null;
    file.on('error', (error) => (partError = error));
    try {
      const bucket = await this.bucket();
      await bucket.put({ name: objectName }, Readable.toWeb(file) as ReadableStream<Uint8Array>);
    } catch (error) {
      if (partError || file.truncated) throw multipartProblem(partError ?? error);
      throw new DomainError('SERVICE_UNAVAILABLE', `The upload could not be stored: ${(error as Error).message}`);
    }
    if (file.truncated) throw multipartProblem({ code: 'FST_REQ_FILE_TOO_LARGE' });
  }

  async discard(objectName: string): Promise<void> {
    await (await this.bucket()).delete(objectName).catch(() => undefined);
  }

  private mapping(text: string): ImportMappingV1 {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw DomainError.validation([{ field: 'mapping', message: 'mapping must be a JSON object: {"phone":"Telefon","name":"Ad Soyad"}' }]);
    }
    const result = validateAgainst(ImportMappingV1, parsed);
    if (!result.ok) throw DomainError.validation(result.fieldErrors.map((e) => ({ ...e, field: e.field ? `mapping.${e.field}` : 'mapping' })));
    return result.value;
  }

}

/** A multipart body the parser could not read, as a problem: 413 past the file size limit, else 422 naming the body. */
function multipartProblem(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if ((error as { code?: string } | null)?.code === 'FST_REQ_FILE_TOO_LARGE') return new DomainError('PAYLOAD_TOO_LARGE', `The file is larger than ${CALL_LIST_LIMITS.fileBytes / 1048576} MiB`);
  return DomainError.validation([{ field: 'body', message: `not a readable multipart/form-data body: ${(error as Error | null)?.message ?? String(error)}` }], 'The multipart body is not valid');
}
