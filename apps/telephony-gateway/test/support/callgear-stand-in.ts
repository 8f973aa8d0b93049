import Fastify, { FastifyInstance } from 'fastify';

/** One JSON-RPC request as the stand-in received it. */
export interface RecordedRpc {
  api: 'call' | 'data';
  method: string;
  id: unknown;
  params: Record<string, unknown>;
}

/** A call session: its Call API state (see the Call API state diagram) and its row in get.calls_report. */
export interface StandInSession {
  id: number;
  state: 'talk' | 'hold' | 'dialing' | 'transferred' | 'released';
  /** undefined = not (yet) in the report: get.calls_report does not find it. */
  report?: Record<string, unknown>;
}

type RpcError = { code: number; message: string; data: { mnemonic: string; field: string | null; value: unknown; params: Record<string, unknown>; extended_helper: null } };
type Handler = (params: Record<string, unknown>) => unknown;

const err = (code: number, mnemonic: string, message: string, field: string | null = null, value: unknown = null): RpcError => ({
  code, message, data: { mnemonic, field, value, params: {}, extended_helper: null },
});
class Fail extends Error {
  constructor(readonly rpc: RpcError) {
    super(rpc.message);
  }
}
const DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const utc = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');
const limits = { day_limit: 10_000, day_remaining: 9_999, day_reset: 3600, minute_limit: 100, minute_remaining: 99, minute_reset: 60 };

/**
 * A local stand-in for CallGear's JSON-RPC Call API (`POST /callapi/v4.0`) and Data API
 * (`POST /dataapi/v2.0`) with the documented request, result and error shapes
 * (https://callgear.github.io/call_api/, https://callgear.github.io/data_api/). It checks the
 * access token, required parameters and the order of the call-management methods, records
 * every request, and never sends notifications (a "silent" provider for the reconciler).
 */
export class CallGearStandIn {
  readonly app: FastifyInstance = Fastify({ logger: false });
  readonly requests: RecordedRpc[] = [];
  readonly sessions = new Map<number, StandInSession>();
  url = '';
  private nextSession = 237_859_000;

  constructor(readonly tokens: { call: string; data: string }) {
    this.app.post('/callapi/v4.0', async (req) => this.serve('call', req.body, this.callApi));
    this.app.post('/dataapi/v2.0', async (req) => this.serve('data', req.body, this.dataApi));
  }

  get callApiUrl(): string {
    return `${this.url}/callapi/v4.0`;
  }

  get dataApiUrl(): string {
    return `${this.url}/dataapi/v2.0`;
  }

  async listen(): Promise<void> {
    await this.app.listen({ port: 0, host: '127.0.0.1' });
    const a = this.app.server.address();
    this.url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  }

  calls(method: string): RecordedRpc[] {
    return this.requests.filter((r) => r.method === method);
  }

  /** The call ends on CallGear's side (its notifications are "lost"): the report gets a finished row. */
  finish(id: number, row: Record<string, unknown>): void {
    const s = this.session(id);
    s.state = 'released';
    s.report = { ...s.report, finish_time: utc(new Date()), ...row };
  }

  /** CallGear no longer knows the session (e.g. outside the report): get.calls_report returns nothing. */
  forget(id: number): void {
    this.sessions.delete(id);
  }

  private session(id: unknown): StandInSession {
    const s = typeof id === 'number' ? this.sessions.get(id) : undefined;
    if (!s) throw new Fail(err(-32602, 'call_session_not_found', 'Call session not found', 'call_session_id', id));
    return s;
  }

  private serve(api: 'call' | 'data', body: unknown, methods: Record<string, Handler>) {
    const b = (body ?? {}) as Record<string, unknown>;
    if (b.jsonrpc !== '2.0' || b.id === undefined || typeof b.method !== 'string') {
      return { jsonrpc: '2.0', id: null, error: err(-32600, 'invalid_request', 'Invalid Request. The JSON sent is not a valid Request object') };
    }
    const params = (typeof b.params === 'object' && b.params ? b.params : {}) as Record<string, unknown>;
    this.requests.push({ api, method: b.method, id: b.id, params });
    try {
      const handler = methods[b.method];
      if (!handler) throw new Fail(err(-32601, 'method_not_found', 'The method does not exist / is not available'));
      if (params.access_token === undefined) throw new Fail(err(-32602, 'required_parameter_missed', 'The required parameter has been missed', 'access_token'));
      if (params.access_token !== this.tokens[api]) throw new Fail(err(-32001, 'access_token_invalid', 'Access token is invalid', 'access_token', params.access_token));
      return { jsonrpc: '2.0', id: b.id, result: { data: handler(params), metadata: { limits } } };
    } catch (e) {
      if (e instanceof Fail) return { jsonrpc: '2.0', id: b.id, error: { ...e.rpc, data: { ...e.rpc.data, metadata: { limits } } } };
      throw e;
    }
  }

  private require(params: Record<string, unknown>, field: string, type: 'string' | 'number' | 'object' | 'boolean'): void {
    if (params[field] === undefined || params[field] === null) throw new Fail(err(-32602, 'required_parameter_missed', 'The required parameter has been missed', field));
    if (typeof params[field] !== type) throw new Fail(err(-32602, 'data_type_error', 'Data supplied is of wrong type', field, params[field]));
  }

  private inState(params: Record<string, unknown>, ...states: StandInSession['state'][]): StandInSession {
    this.require(params, 'call_session_id', 'number');
    const s = this.session(params.call_session_id);
    if (!states.includes(s.state)) throw new Fail(err(-32004, 'invalid_state', 'This method cannot be called in this state'));
    return s;
  }

  private message(params: Record<string, unknown>, field: string): void {
    this.require(params, field, 'object');
    const m = params[field] as Record<string, unknown>;
    if (!['media', 'tts'].includes(String(m.type)) || typeof m.value !== 'string' || !m.value) {
      throw new Fail(err(-32602, 'invalid_parameter_value', 'Invalid parameter value', `${field}.type`, m.type));
    }
  }

  private readonly callApi: Record<string, Handler> = {
    'start.employee_call': (p) => {
      for (const f of ['first_call', 'virtual_phone_number', 'contact'] as const) this.require(p, f, 'string');
      this.require(p, 'employee', 'object');
      if (!['contact', 'employee'].includes(String(p.first_call))) throw new Fail(err(-32602, 'invalid_parameter_value', 'Invalid parameter value', 'first_call', p.first_call));
      if (typeof (p.employee as Record<string, unknown>).id !== 'number') throw new Fail(err(-32602, 'required_parameter_missed', 'The required parameter has been missed', 'employee.id'));
      if (!/^\d{7,15}$/.test(String(p.contact))) throw new Fail(err(-32602, 'invalid_parameter_value', 'Invalid parameter value', 'contact', p.contact));
      if (String(p.contact).endsWith('0009')) throw new Fail(err(-32002, 'contact_in_blacklist', `The contact ${String(p.contact)} has been found in the blacklist`, 'contact', p.contact));
      const id = ++this.nextSession;
      const report = {
        id, start_time: utc(new Date()), finish_time: null, finish_reason: null, direction: p.direction ?? 'in', is_lost: false,
        talk_duration: 0, wait_duration: 0, total_duration: 0, virtual_phone_number: p.virtual_phone_number, contact_phone_number: p.contact, call_api_external_id: p.external_id ?? null,
      };
      this.sessions.set(id, { id, state: 'talk', report });
      return { call_session_id: id };
    },
    'release.call': (p) => {
      this.inState(p, 'talk', 'hold', 'dialing').state = 'released';
      return { success: 'true' };
    },
    'hold.call': (p) => {
      const s = this.inState(p, 'talk');
      this.message(p, 'contact_message');
      s.state = 'hold';
      return { success: 'true' };
    },
    'unhold.call': (p) => {
      this.inState(p, 'hold').state = 'talk';
      return { success: 'true' };
    },
    'make.call': (p) => {
      const s = this.inState(p, 'hold');
      this.require(p, 'to', 'string');
      if (!/^\d{1,15}$/.test(String(p.to))) throw new Fail(err(-32602, 'invalid_parameter_value', 'Invalid parameter value', 'to', p.to));
      if (String(p.to).endsWith('0404')) throw new Fail(err(-32602, 'no_active_phone_number', 'The phone number does not exist or is inactive', 'to', p.to));
      s.state = 'dialing';
      return { success: 'true' };
    },
    'transfer.talk': (p) => {
      this.inState(p, 'dialing').state = 'transferred';
      return { success: 'true' };
    },
    'restore.talk': (p) => {
      this.inState(p, 'dialing').state = 'talk';
      return { success: 'true' };
    },
    'list.calls': () =>
      [...this.sessions.values()].filter((s) => s.state !== 'released').map((s) => ({ call_session_id: s.id, direction: s.report?.direction ?? 'out', start_time: s.report?.start_time, legs: [] })),
  };

  private readonly dataApi: Record<string, Handler> = {
    'get.account': () => [{ app_id: 4242, name: 'Santral test', timezone: 'Europe/Istanbul' }],
    'get.calls_report': (p) => {
      for (const f of ['date_from', 'date_till'] as const) {
        this.require(p, f, 'string');
        if (!DATE.test(String(p[f]))) throw new Fail(err(-32602, 'invalid_parameter_value', 'Invalid parameter value', f, p[f]));
      }
      const from = String(p.date_from);
      const till = String(p.date_till);
      if (Date.parse(`${till}Z`) - Date.parse(`${from}Z`) > 92 * 86_400_000) throw new Fail(err(-32602, 'date_interval_limit_reached', 'Max value of requested date interval is 3 months'));
      const f = p.filter as { field?: unknown; operator?: unknown; value?: unknown } | undefined;
      if (f && f.field !== 'id') throw new Fail(err(-32602, 'filter_prohibited', 'Filter by parameter is prohibited', 'filter.field', f.field));
      if (f && f.operator !== '=') throw new Fail(err(-32602, 'invalid_parameter_value', 'Invalid parameter value', 'filter.operator', f.operator));
      const rows = [...this.sessions.values()]
        .map((s) => s.report)
        .filter((r): r is Record<string, unknown> => !!r && (!f || r.id === f.value))
        .filter((r) => String(r.start_time) >= from && String(r.start_time) <= till)
        .filter((r) => p.include_ongoing_calls === true || r.finish_time !== null);
      const fields = Array.isArray(p.fields) ? (p.fields as string[]) : undefined;
      return rows.slice(0, typeof p.limit === 'number' ? p.limit : 1000).map((r) => (fields ? Object.fromEntries(fields.map((k) => [k, r[k] ?? null])) : r));
    },
  };
}
