import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { CALL_LIST_LIMITS, DomainError, importBucketName, ImportMappingV1, validateAgainst } from '@santral/contracts';
import { NatsConnectionProvider } from '@santral/messaging';
import { SERVICE_CONFIG } from '@santral/service-kit';
import { Objm, type ObjectStore } from '@nats-io/obj';
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
  private bucket: Promise<ObjectStore> | null = null;

  constructor(
    private readonly nats: NatsConnectionProvider,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {}

  private store(): Promise<ObjectStore> {
    this.bucket ??= new Objm(this.nats.connection).create(importBucketName(this.config.SUBJECT_PREFIX), { ttl: UPLOAD_TTL_NS, storage: 'file' }).catch((error: Error) => {
      this.bucket = null;
      throw error;
    });
    return this.bucket;
  }

  async receive(req: FastifyRequest): Promise<Upload> {
    if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data with a part named "file"');
    let upload: { objectName: string; fileName: string } | null = null;
    let mappingText: string | undefined;
    try {
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || upload) {
            part.file.resume();
            throw DomainError.validation([{ field: part.fieldname, message: 'send one file, in the part named "file"' }]);
          }
          const objectName = uuidv7();
          upload = { objectName, fileName: (part.filename || 'upload').slice(0, 255) };
          const store = await this.store();
          await store.put({ name: objectName }, Readable.toWeb(part.file) as ReadableStream<Uint8Array>);
          if (part.file.truncated) throw new DomainError('PAYLOAD_TOO_LARGE', `The file is larger than ${CALL_LIST_LIMITS.fileBytes / 1048576} MiB`);
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
      throw this.asProblem(error);
    }
  }

  async discard(objectName: string): Promise<void> {
    await (await this.store()).delete(objectName).catch(() => undefined);
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

  private asProblem(error: unknown): unknown {
    if (error instanceof DomainError) return error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') return new DomainError('PAYLOAD_TOO_LARGE', `The file is larger than ${CALL_LIST_LIMITS.fileBytes / 1048576} MiB`);
    if (typeof code === 'string' && code.startsWith('FST_')) return DomainError.validation([{ field: 'body', message: (error as Error).message }], 'The multipart body is not valid');
    if (error instanceof Error && /Unexpected end of form|Malformed part header|boundary/i.test(error.message)) return DomainError.validation([{ field: 'body', message: error.message }], 'The multipart body is not valid');
    return error;
  }
}
