import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Where Stripe posts its webhooks (no API key: the signature over the raw body is the credential). */
export const STRIPE_WEBHOOK_PATH = '/v1/billing/stripe/webhook';

export interface RawBodyRequest {
  rawBody?: string;
}

/**
 * Keeps the exact bytes of a Stripe webhook before JSON parsing: its signature is over them, and a
 * re-serialized body would not verify. Only this path pays for the copy.
 */
export function keepStripeRawBody(fastify: Pick<FastifyInstance, 'addHook'>): void {
  fastify.addHook('preParsing', async (request: FastifyRequest, _reply, payload) => {
    if (request.url.split('?')[0] !== STRIPE_WEBHOOK_PATH) return payload;
    const chunks: Buffer[] = [];
    for await (const chunk of payload) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    const raw = Buffer.concat(chunks);
    (request as FastifyRequest & RawBodyRequest).rawBody = raw.toString('utf8');
    const again = Readable.from([raw]) as Readable & { receivedEncodedLength?: number };
    again.receivedEncodedLength = (payload as typeof payload & { receivedEncodedLength?: number }).receivedEncodedLength ?? raw.length;
    return again;
  });
}
