import { randomBytes } from 'node:crypto';
import Fastify, { FastifyInstance } from 'fastify';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';

interface StandInCall {
  sid: string;
  status: string;
  duration: number;
  answeredBy?: string;
  callback: string;
  /** The Calls.json form as received (Record, RecordingStatusCallback, …). */
  form: Record<string, string | string[]>;
}

/** One webhook the stand-in sent (kept so a test can replay it). */
export interface SentWebhook {
  url: string;
  params: Record<string, string>;
}

export interface WebhookAnswer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * A local stand-in for Twilio's REST API (the documented shapes of Calls.json, Calls/{Sid}.json,
 * Messages.json, Accounts/{Sid}.json) that sends status callbacks signed like Twilio does.
 */
export class TwilioStandIn {
  readonly app: FastifyInstance = Fastify({ logger: false });
  readonly calls = new Map<string, StandInCall>();
  /** Recording status callbacks sent, by CallSid. */
  readonly recordings = new Map<string, SentWebhook>();
  url = '';

  constructor(
    readonly accountSid: string,
    readonly authToken: string,
  ) {
    this.app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) => {
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of new URLSearchParams(String(body))) out[k] = out[k] === undefined ? v : ([] as string[]).concat(out[k]!, v);
      done(null, out);
    });
    const authed = (auth: string | undefined) => auth === `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    const denied = { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 };
    const base = `/2010-04-01/Accounts/:account`;
    this.app.get(`${base}.json`, async (req, reply) => (authed(req.headers.authorization) ? { sid: accountSid, status: 'active' } : reply.code(401).send(denied)));
    this.app.post(`${base}/Calls.json`, async (req, reply) => {
      if (!authed(req.headers.authorization)) return reply.code(401).send(denied);
      const p = req.body as Record<string, string | string[]>;
      const to = String(p.To ?? '');
      if (!/^\+[1-9]\d{6,14}$/.test(to) || to.endsWith('0008')) return reply.code(400).send({ code: 21211, message: `Invalid 'To' Phone Number: ${to}`, status: 400 });
      const sid = `CA${randomBytes(16).toString('hex')}`;
      const call: StandInCall = { sid, status: 'queued', duration: 0, callback: String(p.StatusCallback), form: p };
      this.calls.set(sid, call);
      void this.narrate(call, to, p.MachineDetection === 'Enable');
      return reply.code(201).send({ sid, status: 'queued', to, from: p.From, account_sid: accountSid, direction: 'outbound-api' });
    });
    this.app.get(`${base}/Calls/:sid`, async (req, reply) => {
      const c = this.calls.get((req.params as { sid: string }).sid.replace(/\.json$/, ''));
      if (!c) return reply.code(404).send({ code: 20404, message: 'The requested resource was not found', status: 404 });
      return { sid: c.sid, status: c.status, duration: String(c.duration), answered_by: c.answeredBy ?? null };
    });
    this.app.post(`${base}/Calls/:sid`, async (req, reply) => {
      const c = this.calls.get((req.params as { sid: string }).sid.replace(/\.json$/, ''));
      if (!c) return reply.code(404).send({ code: 20404, message: 'Not found', status: 404 });
      if ((req.body as Record<string, string>).Status === 'completed') c.status = 'completed';
      return { sid: c.sid, status: c.status };
    });
    this.app.post(`${base}/Messages.json`, async () => ({ sid: `SM${randomBytes(16).toString('hex')}`, status: 'queued' }));
  }

  async listen(): Promise<string> {
    await this.app.listen({ port: 0, host: '127.0.0.1' });
    const a = this.app.server.address();
    this.url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
    return this.url;
  }

  /** Posts a webhook signed the way Twilio signs it (X-Twilio-Signature over URL + sorted params) unless a signature is given. */
  async post(url: string, params: Record<string, string>, opts: { signature?: string; headers?: Record<string, string> } = {}): Promise<WebhookAnswer> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': opts.signature ?? getExpectedTwilioSignature(this.authToken, url, params), ...opts.headers },
      body: new URLSearchParams(params).toString(),
    });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.text() };
  }

  /** After a recorded call completes: the RecordingStatusCallback the originate asked for. */
  private async sendRecording(call: StandInCall): Promise<void> {
    if (call.form.Record !== 'true' || typeof call.form.RecordingStatusCallback !== 'string') return;
    const recordingSid = `RE${randomBytes(16).toString('hex')}`;
    const params = {
      AccountSid: this.accountSid, CallSid: call.sid, RecordingSid: recordingSid, RecordingUrl: `${this.url}/2010-04-01/Accounts/${this.accountSid}/Recordings/${recordingSid}`,
      RecordingStatus: 'completed', RecordingDuration: String(call.duration - 1), RecordingChannels: call.form.RecordingChannels === 'dual' ? '2' : '1',
      RecordingSource: 'OutboundAPI', RecordingStartTime: new Date().toUTCString(), ErrorCode: '0',
    };
    const sent = { url: call.form.RecordingStatusCallback, params };
    this.recordings.set(call.sid, sent);
    await this.post(sent.url, sent.params);
  }

  /** initiated → ringing → answered → completed (or busy), in order; …0006 goes silent after initiated. */
  private async narrate(call: StandInCall, to: string, amd: boolean): Promise<void> {
    const send = async (status: string, extra: Record<string, string> = {}) => {
      call.status = status;
      if (to.endsWith('0006') && status !== 'initiated') return;
      const params = { AccountSid: this.accountSid, CallSid: call.sid, CallStatus: status, Direction: 'outbound-api', To: to, From: '+15005550006', ApiVersion: '2010-04-01', Timestamp: new Date().toUTCString(), SequenceNumber: String(['initiated', 'ringing', 'in-progress'].indexOf(status) + 1 || 4), ...extra };
      const signature = getExpectedTwilioSignature(this.authToken, call.callback, params);
      await fetch(call.callback, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, 'i-twilio-idempotency-token': `${call.sid}-${status}` },
        body: new URLSearchParams(params).toString(),
      });
    };
    const pause = () => new Promise((r) => setTimeout(r, 20));
    await pause();
    await send('initiated');
    await send('ringing');
    await pause();
    if (to.endsWith('0001')) return void (await send('busy', { SipResponseCode: '486' }));
    const answeredBy = amd ? (to.endsWith('0004') ? 'machine_end_beep' : 'human') : undefined;
    call.answeredBy = answeredBy;
    await send('in-progress', answeredBy ? { AnsweredBy: answeredBy } : {});
    await pause();
    if (call.status === 'completed') return;
    call.duration = 12;
    await send('completed', { CallDuration: '12', Duration: '1', ...(answeredBy ? { AnsweredBy: answeredBy } : {}) });
    await pause();
    await this.sendRecording(call);
  }
}
