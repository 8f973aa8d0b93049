import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One PaymentIntent as Stripe documents it (the fields billing reads). */
export interface StandInIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  currency: string;
  status: string;
  client_secret: string;
  customer: string | null;
  payment_method: string | null;
  metadata: Record<string, string>;
  last_payment_error: { message: string; code: string } | null;
}

export interface StripeStandIn {
  url: string;
  /** Every POST /v1/payment_intents that created an intent (idempotent replays excluded). */
  created: StandInIntent[];
  /** Idempotency-Key of every request, replays included. */
  keys: string[];
  /** Holds every request until the returned function is called (a slow provider). */
  stall(): () => void;
  /** Requests that arrived while stalled and wait. */
  waiting(): number;
  /** The next `n` requests get their connection closed with no answer (an unreachable provider). */
  dropNext(n: number): void;
  /** A webhook body and its Stripe-Signature header, signed as Stripe signs them. */
  signedEvent(type: string, intent: StandInIntent, secret: string): { payload: string; signature: string };
  close(): Promise<void>;
}

/** Parses Stripe's form encoding (`metadata[paymentId]=…`). */
function parseForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const m = /^(\w+)\[(\w+)\]$/.exec(k);
    if (m) ((out[m[1]!] ??= {}) as Record<string, string>)[m[2]!] = v;
    else out[k] = v;
  }
  return out;
}

/**
 * A local stand-in of Stripe's PaymentIntents API (POST /v1/payment_intents, the documented
 * object and card_error shapes, Idempotency-Key replays) for billing's StripePaymentGateway.
 * `pm_card_chargeDeclined` declines, `pm_card_processing` stays processing; any other confirmed
 * off-session intent succeeds; an unconfirmed one waits in requires_payment_method.
 */
export async function startStripeStandIn(): Promise<StripeStandIn> {
  const created: StandInIntent[] = [];
  const keys: string[] = [];
  const replies = new Map<string, { status: number; body: string }>();
  let gate: Promise<void> | undefined;
  let waiting = 0;
  let drop = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', async () => {
      if (drop > 0) {
        drop -= 1;
        return void req.socket.destroy();
      }
      if (gate) {
        waiting += 1;
        await gate;
        waiting -= 1;
      }
      const send = (status: number, json: unknown) => {
        const text = JSON.stringify(json);
        res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(6).toString('hex')}` }).end(text);
        return { status, body: text };
      };
      if (req.method !== 'POST' || req.url !== '/v1/payment_intents') return void send(404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${req.url})` } });
      const key = String(req.headers['idempotency-key'] ?? '');
      keys.push(key);
      const replay = key ? replies.get(key) : undefined;
      if (replay) return void res.writeHead(replay.status, { 'content-type': 'application/json', 'idempotent-replayed': 'true' }).end(replay.body);
      const p = parseForm(body);
      const confirm = p.confirm === 'true';
      const method = (p.payment_method as string | undefined) ?? null;
      const id = `pi_${randomBytes(8).toString('hex')}`;
      const declined = confirm && method === 'pm_card_chargeDeclined';
      const intent: StandInIntent = {
        id,
        object: 'payment_intent',
        amount: Number(p.amount),
        currency: String(p.currency),
        status: !confirm ? 'requires_payment_method' : declined ? 'requires_payment_method' : method === 'pm_card_processing' ? 'processing' : 'succeeded',
        client_secret: `${id}_secret_${randomBytes(6).toString('hex')}`,
        customer: (p.customer as string | undefined) ?? null,
        payment_method: method,
        metadata: (p.metadata as Record<string, string>) ?? {},
        last_payment_error: declined ? { message: 'Your card was declined.', code: 'card_declined' } : null,
      };
      created.push(intent);
      const reply = declined
        ? send(402, { error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.', payment_intent: intent } })
        : send(200, intent);
      if (key) replies.set(key, reply);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    created,
    keys,
    stall() {
      let open!: () => void;
      gate = new Promise<void>((r) => (open = r));
      return () => {
        gate = undefined;
        open();
      };
    },
    waiting: () => waiting,
    dropNext(n) {
      drop = n;
    },
    signedEvent(type, intent, secret) {
      const payload = JSON.stringify({ id: `evt_${randomBytes(8).toString('hex')}`, object: 'event', type, api_version: '2025-01-27', created: Math.floor(Date.now() / 1000), data: { object: intent } });
      const t = Math.floor(Date.now() / 1000);
      const v1 = createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex');
      return { payload, signature: `t=${t},v1=${v1}` };
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
