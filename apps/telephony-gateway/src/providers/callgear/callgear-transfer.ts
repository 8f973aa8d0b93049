import { ProviderRejectedError } from '../../shared/telephony.error';
import { callGearRpc } from './callgear-json-rpc.client';

const E164 = /^\+[1-9]\d{6,14}$/;
const SIP_URI = /^sips?:([^@\s;]+)@([^\s;>:]+)(?::\d+)?(?:;.*)?$/i;

/** What hold.call plays to the customer while the target is dialled. */
export type HoldMessage = { type: 'tts' | 'media'; value: string };

export const DEFAULT_HOLD_MESSAGE: HoldMessage = { type: 'tts', value: 'Please hold, we are transferring your call.' };

/**
 * Our transfer target → make.call `to`. CallGear dials numbers only (E.164 without `+`, or an
 * internal/employee/SIP line number of the account), so a SIP URI works only when it names one
 * of the account's own SIP lines: numeric user part and `settings.sipDomain` as host.
 */
export function callGearTransferTarget(target: string, sipDomain: string | undefined): string {
  if (E164.test(target)) return target.slice(1);
  const sip = SIP_URI.exec(target);
  if (sip && sipDomain && sip[2]!.toLowerCase() === sipDomain.toLowerCase() && /^\d{1,20}$/.test(sip[1]!)) return sip[1]!;
  const why = sip
    ? sipDomain
      ? `only SIP line numbers of this CallGear account (sip:<digits>@${sipDomain}) can be dialled, not ${target}`
      : `SIP URIs are dialled only as the account's own SIP line numbers, and settings.sipDomain is not set`
    : `${target} is neither an E.164 number nor a SIP URI`;
  throw new ProviderRejectedError('NOT_SUPPORTED', `CallGear make.call cannot reach this transfer target: ${why}`);
}

/** settings.transferHoldMediaFileId (a media file) wins over settings.transferHoldMessage (TTS text). */
export function holdMessageOf(settings: Record<string, unknown>): HoldMessage {
  const media = settings.transferHoldMediaFileId;
  if ((typeof media === 'number' && Number.isInteger(media)) || (typeof media === 'string' && /^\d+$/.test(media))) return { type: 'media', value: String(media) };
  const text = settings.transferHoldMessage;
  return typeof text === 'string' && text.trim() ? { type: 'tts', value: text.trim() } : DEFAULT_HOLD_MESSAGE;
}

/**
 * A blind transfer in the Call API's state diagram: hold.call (customer hears the hold
 * message) → make.call to the target → transfer.talk while the target is still dialling,
 * which hands the customer over and drops our side. A failed step puts the customer back
 * (unhold.call / restore.talk) before the error is passed on.
 */
export async function blindTransfer(callApiUrl: string, accessToken: string, callSessionId: number, to: string, hold: HoldMessage): Promise<void> {
  const base = { access_token: accessToken, call_session_id: callSessionId };
  const undo = (method: string) => callGearRpc(callApiUrl, method, base).catch(() => undefined);
  await callGearRpc(callApiUrl, 'hold.call', { ...base, contact_message: hold });
  try {
    await callGearRpc(callApiUrl, 'make.call', { ...base, to });
  } catch (err) {
    await undo('unhold.call');
    throw err;
  }
  try {
    await callGearRpc(callApiUrl, 'transfer.talk', base);
  } catch (err) {
    await undo('restore.talk');
    throw err;
  }
}
