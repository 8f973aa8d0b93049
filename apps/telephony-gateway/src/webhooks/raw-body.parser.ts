import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/**
 * Provider signatures are computed over the exact bytes sent (Standard Webhooks) or over
 * the form parameters (Twilio), so every POST body reaches the controllers as a Buffer
 * and each adapter parses it itself. Body size is still capped by Fastify's bodyLimit.
 */
@Injectable()
export class RawBodyParser implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.addContentTypeParser) return;
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  }
}
