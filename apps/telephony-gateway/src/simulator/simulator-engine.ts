import { randomUUID } from 'node:crypto';
import { type CallPlan, planCall, scenarioFrom, type SimScenario } from './simulator-scenario';
import type { SimWebhookSender } from './webhook-sender';

export interface SimAccount {
  id: string;
  apiKey: string;
  signingSecret: string;
  webhookUrl: string;
  scenario: SimScenario;
}

type FinalStatus = 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';

export interface SimCall {
  sid: string;
  account: SimAccount;
  clientRef?: string;
  direction: 'outbound' | 'inbound';
  from: string;
  to: string;
  plan: CallPlan;
  status: 'queued' | 'ringing' | 'in-progress' | FinalStatus;
  answeredBy?: 'human' | 'machine';
  talkSeconds: number;
  waitSeconds: number;
  totalSeconds: number;
  forwardedSeconds: number;
  sipCause?: number;
  errorCode?: string;
  record: boolean;
  silent: boolean;
  timers: NodeJS.Timeout[];
  chain: Promise<void>;
  transcriptSeq: number;
}

export interface OriginateInput {
  clientRef?: string;
  from: string;
  to: string;
  ringTimeoutSeconds?: number;
  record?: boolean;
  operatorEndpoint?: string;
}

/** The simulated carrier: decides each call's fate and narrates it through webhooks. */
export class SimulatorEngine {
  readonly accounts = new Map<string, SimAccount>();
  readonly calls = new Map<string, SimCall>();
  private readonly idempotency = new Map<string, string>();

  constructor(
    private readonly sender: SimWebhookSender,
    readonly recordingBaseUrl: () => string,
  ) {}

  configure(id: string, body: { apiKey: string; signingSecret: string; webhookUrl: string; scenario?: Record<string, unknown> }): void {
    this.accounts.set(id, { id, apiKey: body.apiKey, signingSecret: body.signingSecret, webhookUrl: body.webhookUrl, scenario: scenarioFrom(body.scenario ?? {}) });
  }

  /** Starts an outbound call; a synchronous provider error (`error:<CODE>`) comes back as `{ error }`. */
  originate(account: SimAccount, input: OriginateInput, idempotencyKey?: string): { sid: string } | { error: string } {
    const key = idempotencyKey ? `${account.id}:${idempotencyKey}` : undefined;
    const existing = key ? this.idempotency.get(key) : undefined;
    if (existing) return { sid: existing };
    const sid = `SC${randomUUID().replace(/-/g, '')}`;
    const plan = planCall(account.scenario, input.to, input.clientRef ?? sid, input.ringTimeoutSeconds ?? 30);
    if (plan.outcome.startsWith('error:')) return { error: plan.outcome.slice('error:'.length) };
    if (key) this.idempotency.set(key, sid);
    const call = this.newCall(sid, account, 'outbound', input, plan);
    this.emit(call, 'call.initiated', { direction: 'outbound', from: input.from, to: input.to });
    this.narrateOutbound(call, input.ringTimeoutSeconds ?? 30);
    return { sid };
  }

  inbound(account: SimAccount, input: { from: string; to: string; outcome?: 'answered' | 'missed'; talkSeconds?: number }): string {
    const sid = `SC${randomUUID().replace(/-/g, '')}`;
    const plan = planCall(account.scenario, input.to, sid, 60);
    if (input.talkSeconds !== undefined) plan.talkSeconds = input.talkSeconds;
    const call = this.newCall(sid, account, 'inbound', { from: input.from, to: input.to, record: true }, plan);
    this.emit(call, 'call.inbound', { from: input.from, to: input.to });
    this.at(call, 0.2, () => this.ring(call));
    if (input.outcome === 'missed') this.at(call, plan.ringSeconds, () => this.finish(call, 'no-answer', { sipCause: 480, isLost: true }));
    else this.at(call, plan.ringSeconds, () => this.answer(call, 'human'));
    return sid;
  }

  private newCall(sid: string, account: SimAccount, direction: 'outbound' | 'inbound', input: OriginateInput, plan: CallPlan): SimCall {
    const call: SimCall = {
      sid, account, clientRef: input.clientRef, direction, from: input.from, to: input.to, plan, status: 'queued',
      talkSeconds: 0, waitSeconds: 0, totalSeconds: 0, forwardedSeconds: 0, record: input.record ?? false,
      silent: plan.outcome === 'silent', timers: [], chain: Promise.resolve(), transcriptSeq: 0,
    };
    this.calls.set(sid, call);
    return call;
  }

  private narrateOutbound(call: SimCall, ringTimeout: number): void {
    const { outcome, ringSeconds } = call.plan;
    if (outcome === 'vanish') {
      this.at(call, 0.5, () => this.calls.delete(call.sid));
      return;
    }
    this.at(call, 0.5, () => this.ring(call));
    if (outcome === 'busy') this.at(call, 1.5, () => this.finish(call, 'busy', { sipCause: 486 }));
    else if (outcome === 'no_answer') this.at(call, ringTimeout, () => this.finish(call, 'no-answer', { sipCause: 480 }));
    else if (outcome === 'failed') this.at(call, 1, () => this.finish(call, 'failed', { sipCause: 503 }));
    else if (outcome.startsWith('failed:')) this.at(call, 1, () => this.finish(call, 'failed', { errorCode: outcome.slice(7) }));
    else this.at(call, Math.max(ringSeconds, 0.6), () => this.answer(call, outcome === 'voicemail' ? 'machine' : 'human'));
  }

  private ring(call: SimCall): void {
    call.status = 'ringing';
    this.emit(call, 'call.ringing', {});
  }

  private answer(call: SimCall, by: 'human' | 'machine'): void {
    call.status = 'in-progress';
    call.answeredBy = by;
    call.waitSeconds = Math.round(call.plan.ringSeconds);
    this.emit(call, 'call.answered', { answeredBy: by });
    const talk = by === 'machine' ? Math.min(call.plan.talkSeconds, 15) : call.plan.talkSeconds;
    const segments = by === 'human' ? call.account.scenario.transcriptSegments : 0;
    for (let i = 0; i < segments; i++) this.at(call, ((i + 0.5) * talk) / Math.max(segments, 1), () => this.segment(call, talk, segments));
    this.at(call, talk, () => this.finish(call, 'completed', { hangupBy: call.plan.hangupBy }));
  }

  private segment(call: SimCall, talk: number, total: number): void {
    const seq = call.transcriptSeq++;
    const speaker = seq % 2 === 0 ? (call.direction === 'inbound' ? 'customer' : 'agent') : call.direction === 'inbound' ? 'operator' : 'customer';
    const slot = (talk * 1000) / Math.max(total, 1);
    this.emit(call, 'transcript.segment', { seq, speaker, text: `Simulated utterance ${seq + 1}`, startMs: Math.round(seq * slot), endMs: Math.round((seq + 0.9) * slot), language: 'en' });
  }

  hangup(call: SimCall): boolean {
    if (this.isFinal(call)) return false;
    for (const t of call.timers.splice(0)) clearTimeout(t);
    if (call.status === 'in-progress') this.finish(call, 'completed', { hangupBy: 'agent' });
    else this.finish(call, 'canceled', { sipCause: 487 });
    return true;
  }

  transfer(call: SimCall, target: string): 'started' | 'not_in_progress' {
    if (call.status !== 'in-progress') return 'not_in_progress';
    if (!/^(\+[1-9]\d{6,14}|sip:[^@\s]+@[^\s]+)$/.test(target)) {
      this.emit(call, 'call.transfer_failed', { target, reason: 'invalid_target', sipCause: 484 });
      return 'started';
    }
    this.emit(call, 'call.forwarding', { target });
    const s = call.account.scenario;
    this.at(call, s.transferRingSeconds, () => {
      if (s.transferOutcome === 'answered') {
        call.forwardedSeconds = Math.round(call.plan.talkSeconds / 2);
        this.emit(call, 'call.forwarded', { target });
      } else {
        this.emit(call, 'call.transfer_failed', { target, reason: s.transferOutcome, sipCause: s.transferOutcome === 'busy' ? 486 : 480 });
      }
    });
    return 'started';
  }

  private finish(call: SimCall, status: FinalStatus, extra: { sipCause?: number; errorCode?: string; hangupBy?: string; isLost?: boolean }): void {
    for (const t of call.timers.splice(0)) clearTimeout(t);
    const answered = call.status === 'in-progress';
    call.status = status;
    call.sipCause = extra.sipCause;
    call.errorCode = extra.errorCode;
    call.talkSeconds = answered ? (call.answeredBy === 'machine' ? Math.min(call.plan.talkSeconds, 15) : call.plan.talkSeconds) : 0;
    call.waitSeconds = answered ? call.waitSeconds : Math.round(call.plan.ringSeconds);
    call.totalSeconds = Math.round(call.waitSeconds + call.talkSeconds + call.forwardedSeconds);
    const durations = { talkSeconds: call.talkSeconds, waitSeconds: Math.round(call.waitSeconds), totalSeconds: call.totalSeconds, forwardedSeconds: call.forwardedSeconds };
    this.emit(call, 'call.leg_ended', { legId: `${call.sid}-L1`, legType: 'customer', talkSeconds: call.talkSeconds, totalSeconds: call.totalSeconds, sipCause: extra.sipCause });
    this.emit(call, 'call.completed', { direction: call.direction, status, answeredBy: call.answeredBy, ...durations, ...extra });
    if (answered && call.record && call.account.scenario.recording) {
      this.at(call, 1, () => this.emit(call, 'recording.completed', { recordingSid: `RE${call.sid.slice(2)}`, url: `${this.recordingBaseUrl()}/simulator/recordings/${call.sid}.wav`, durationSeconds: call.talkSeconds, contentType: 'audio/wav' }), true);
    }
    if (answered && call.transcriptSeq > 0) this.at(call, 1.5, () => this.emit(call, 'transcript.completed', { segmentCount: call.transcriptSeq }), true);
  }

  isFinal(call: SimCall): boolean {
    return !['queued', 'ringing', 'in-progress'].includes(call.status);
  }

  /** Runs `fn` after `simSeconds` of simulated time. */
  private at(call: SimCall, simSeconds: number, fn: () => void, afterEnd = false): void {
    const t = setTimeout(() => {
      if (afterEnd || !this.isFinal(call)) fn();
    }, (simSeconds * 1000) / call.account.scenario.timeScale);
    t.unref();
    call.timers.push(t);
  }

  /** Queues a webhook; events of one call leave in order. Silent calls lose every event after initiated. */
  private emit(call: SimCall, type: string, data: Record<string, unknown>): void {
    if (call.silent && type !== 'call.initiated') return;
    const body = { accountId: call.account.id, callSid: call.sid, clientRef: call.clientRef ?? null, timestamp: new Date().toISOString(), data };
    call.chain = call.chain.then(() => this.sender.send(call.account, type, body));
  }

  /** Resolves when every queued webhook has been attempted (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.calls.values()].map((c) => c.chain));
  }

  stop(): void {
    for (const c of this.calls.values()) for (const t of c.timers.splice(0)) clearTimeout(t);
  }
}
