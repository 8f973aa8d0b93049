import { ProviderRejectedError } from '../../shared/telephony.error';
import { ProviderHttpError, providerRequest } from '../http-client';

/**
 * The JSON-RPC 2.0 envelope that CallGear's Call API (https://callgear.github.io/call_api/)
 * and Data API (https://callgear.github.io/data_api/) share: POST `{jsonrpc, id, method, params}`,
 * answer `{result: {data, metadata}}` or `{error: {code, message, data: {mnemonic, field, value}}}`.
 */
interface JsonRpcReply {
  result?: { data?: unknown };
  error?: { code?: number; message?: string; data?: { mnemonic?: string; field?: string | null } | null };
}

/** Error code group -32001: a token that is invalid, expired or blocked, or a wrong login. */
export const CALLGEAR_AUTH_ERROR_CODE = -32001;

/** A CallGear error object: `providerCode` is its mnemonic (e.g. `access_token_invalid`), `rpcCode` its group. */
export class CallGearRpcError extends ProviderRejectedError {
  constructor(
    readonly rpcCode: number | undefined,
    mnemonic: string,
    /** CallGear's error text, without the mnemonic prefix that `message` carries. */
    readonly text: string,
    readonly field?: string,
    reason?: ProviderRejectedError['reason'],
  ) {
    super(mnemonic, text, undefined, reason);
  }

  /** The same error with the end reason it means for a call that could not start. */
  withReason(reason: ProviderRejectedError['reason']): CallGearRpcError {
    return new CallGearRpcError(this.rpcCode, this.providerCode, this.text, this.field, reason);
  }

  get isAuthError(): boolean {
    return this.rpcCode === CALLGEAR_AUTH_ERROR_CODE;
  }
}

let sequence = 0;

function errorOf(reply: JsonRpcReply): CallGearRpcError | undefined {
  const e = reply?.error;
  if (!e || typeof e !== 'object') return undefined;
  const mnemonic = typeof e.data?.mnemonic === 'string' ? e.data.mnemonic : `CALLGEAR_${e.code ?? 'ERROR'}`;
  const field = typeof e.data?.field === 'string' ? e.data.field : undefined;
  return new CallGearRpcError(typeof e.code === 'number' ? e.code : undefined, mnemonic, e.message ?? 'CallGear error', field);
}

/** One JSON-RPC call; returns `result.data`, throws CallGearRpcError for an error object (also on a non-2xx answer). */
export async function callGearRpc(url: string, method: string, params: Record<string, unknown>): Promise<unknown> {
  let reply: JsonRpcReply;
  try {
    reply = await providerRequest<JsonRpcReply>({ method: 'POST', url, json: { jsonrpc: '2.0', id: `santral-${Date.now()}-${++sequence}`, method, params } });
  } catch (err) {
    const rejected = err instanceof ProviderHttpError && typeof err.body === 'object' && err.body ? errorOf(err.body as JsonRpcReply) : undefined;
    throw rejected ?? err;
  }
  const rejected = errorOf(reply);
  if (rejected) throw rejected;
  return reply?.result?.data;
}
