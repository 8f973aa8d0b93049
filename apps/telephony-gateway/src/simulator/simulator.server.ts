import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SimulatorEngine, type SimAccount } from './simulator-engine';
import { SimWebhookSender } from './webhook-sender';
import { toneWav } from './wav';

type Body = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 && v.length <= 2000 ? v : undefined);
const digest = (s: string) => createHash('sha256').update(s).digest();

/** `Authorization: Bearer <key>`, compared in constant time. */
function bearerIs(req: FastifyRequest, key: string): boolean {
  const auth = req.headers.authorization;
  return typeof auth === 'string' && key.length > 0 && timingSafeEqual(digest(auth), digest(`Bearer ${key}`));
}

export interface SimulatorServerOptions {
  /**
   * Bearer key of the control API (PUT of an account's console). Only the gateway knows it, so
   * no tenant, and nothing else that reaches this port, can rewrite an account's keys or webhook URL.
   */
  controlKey: string;
}

/**
 * The simulated cloud provider (G5) as its own HTTP server: the gateway reaches it only
 * over HTTP and it answers only over HTTP (signed webhooks), like a real provider.
 * Routes: see README "Simulator API".
 */
export class SimulatorServer {
  readonly app: FastifyInstance;
  readonly engine: SimulatorEngine;
  readonly sender = new SimWebhookSender();
  private baseUrl = '';
  private readonly wav = toneWav(1);

  constructor(private readonly opts: SimulatorServerOptions) {
    if (opts.controlKey.length < 24) throw new Error('SimulatorServer: the control key must be at least 24 characters');
    this.app = Fastify({ logger: false, bodyLimit: 256 * 1024 });
    this.engine = new SimulatorEngine(this.sender, () => this.baseUrl);
    this.routes();
  }

  async listen(port: number, host = '127.0.0.1'): Promise<string> {
    await this.app.listen({ port, host });
    const addr = this.app.server.address();
    this.baseUrl = `http://${host}:${typeof addr === 'object' && addr ? addr.port : port}`;
    return this.baseUrl;
  }

  /** Stops the calls and every queued webhook (a closed simulator calls nobody), then its HTTP server. */
  async close(): Promise<void> {
    this.engine.stop();
    this.sender.stop();
    await this.engine.idle();
    await this.app.close();
  }

  /** The account of the path, when the request carries its API key (or, with `orControl`, the control key). */
  private account(req: FastifyRequest, reply: FastifyReply, orControl = false): SimAccount | undefined {
    const id = (req.params as { accountId: string }).accountId;
    const account = this.engine.accounts.get(id);
    if (!account) {
      void reply.code(404).send({ code: 'ACCOUNT_UNKNOWN', message: 'Account not configured on the simulator' });
      return undefined;
    }
    if (!bearerIs(req, account.apiKey) && !(orControl && bearerIs(req, this.opts.controlKey))) {
      void reply.code(401).send({ code: 'UNAUTHORIZED', message: 'Bad API key' });
      return undefined;
    }
    return account;
  }

  private routes(): void {
    const a = this.app;
    a.put('/simulator/v1/accounts/:accountId', async (req, reply) => {
      if (!bearerIs(req, this.opts.controlKey)) return reply.code(401).send({ code: 'UNAUTHORIZED', message: 'The control API needs the control key' });
      const b = (req.body ?? {}) as Body;
      const apiKey = str(b.apiKey), signingSecret = str(b.signingSecret), webhookUrl = str(b.webhookUrl);
      if (!apiKey || !signingSecret || !webhookUrl) return reply.code(400).send({ code: 'BAD_REQUEST', message: 'apiKey, signingSecret, webhookUrl required' });
      const scenario = typeof b.scenario === 'object' && b.scenario !== null ? (b.scenario as Body) : {};
      this.engine.configure((req.params as { accountId: string }).accountId, { apiKey, signingSecret, webhookUrl, scenario });
      return reply.code(204).send();
    });
    a.get('/simulator/v1/accounts/:accountId', async (req, reply) => {
      const account = this.account(req, reply);
      if (account) return { id: account.id, status: 'active' };
    });
    a.post('/simulator/v1/accounts/:accountId/calls', async (req, reply) => {
      const account = this.account(req, reply);
      if (!account) return;
      const b = (req.body ?? {}) as Body;
      const from = str(b.from), to = str(b.to);
      if (!from || !to) return reply.code(400).send({ code: 'BAD_REQUEST', message: 'from and to required' });
      const idem = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : undefined;
      const ring = typeof b.ringTimeoutSeconds === 'number' ? b.ringTimeoutSeconds : 30;
      const res = this.engine.originate(account, { clientRef: str(b.clientRef), from, to, ringTimeoutSeconds: ring, record: b.record === true, operatorEndpoint: str(b.operatorEndpoint) }, idem);
      if ('error' in res) return reply.code(422).send({ code: res.error, message: `Call rejected: ${res.error}` });
      return reply.code(201).send({ sid: res.sid, status: 'queued' });
    });
    a.get('/simulator/v1/accounts/:accountId/calls/:sid', async (req, reply) => {
      if (!this.account(req, reply)) return;
      const c = this.engine.calls.get((req.params as { sid: string }).sid);
      if (!c) return reply.code(404).send({ code: 'CALL_NOT_FOUND', message: 'No such call' });
      return { sid: c.sid, status: c.status, answeredBy: c.answeredBy, talkSeconds: c.talkSeconds, waitSeconds: c.waitSeconds, totalSeconds: c.totalSeconds, sipCause: c.sipCause, errorCode: c.errorCode };
    });
    a.post('/simulator/v1/accounts/:accountId/calls/:sid/hangup', async (req, reply) => {
      if (!this.account(req, reply)) return;
      const c = this.engine.calls.get((req.params as { sid: string }).sid);
      if (!c) return reply.code(404).send({ code: 'CALL_NOT_FOUND', message: 'No such call' });
      return { hungUp: this.engine.hangup(c) };
    });
    a.post('/simulator/v1/accounts/:accountId/calls/:sid/transfer', async (req, reply) => {
      if (!this.account(req, reply)) return;
      const c = this.engine.calls.get((req.params as { sid: string }).sid);
      const target = str(((req.body ?? {}) as Body).target);
      if (!c || !target) return reply.code(404).send({ code: 'CALL_NOT_FOUND', message: 'No such call or no target' });
      const r = this.engine.transfer(c, target);
      return r === 'started' ? { status: 'forwarding' } : reply.code(409).send({ code: 'CALL_NOT_IN_PROGRESS', message: 'Call is not in progress' });
    });
    a.post('/simulator/v1/accounts/:accountId/messages', async (req, reply) => {
      const account = this.account(req, reply);
      if (!account) return;
      const to = str(((req.body ?? {}) as Body).to);
      if (!to || !/^\+[1-9]\d{6,14}$/.test(to)) return reply.code(422).send({ code: 'INVALID_TO', message: 'to must be E.164' });
      return reply.code(201).send({ sid: `SM${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}` });
    });
    a.post('/simulator/:accountId/inbound', async (req, reply) => {
      const account = this.account(req, reply, true);
      if (!account) return;
      const b = (req.body ?? {}) as Body;
      const from = str(b.from), to = str(b.to);
      if (!from || !to) return reply.code(400).send({ code: 'BAD_REQUEST', message: 'from and to required' });
      const outcome = b.outcome === 'missed' ? 'missed' : 'answered';
      const talk = typeof b.talkSeconds === 'number' ? b.talkSeconds : undefined;
      return reply.code(202).send({ sid: this.engine.inbound(account, { from, to, outcome, talkSeconds: talk }) });
    });
    a.get('/simulator/recordings/:file', async (req, reply) => {
      const sid = (req.params as { file: string }).file.replace(/\.wav$/, '');
      if (!this.engine.calls.has(sid)) return reply.code(404).send({ code: 'NOT_FOUND', message: 'No such recording' });
      return reply.header('content-type', 'audio/wav').send(this.wav);
    });
  }
}
