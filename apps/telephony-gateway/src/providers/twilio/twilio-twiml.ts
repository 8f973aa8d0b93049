import type { ProviderAccountContext } from '../provider.port';

/** What Twilio expects back from a Voice webhook that asks for instructions. */
export const TWIML_CONTENT_TYPE = 'text/xml; charset=utf-8';
export const DEFAULT_INBOUND_QUEUE = 'santral';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const TWIML_DOCUMENT = /^\s*(<\?xml[^>]*\?>\s*)?<Response[\s>/]/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;
const CHANNELS = ['mono', 'dual'];

/** Text and attribute values for TwiML (numeric references are valid in both). */
export const xml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function recordingCallbackUrl(account: ProviderAccountContext, callId?: string): string {
  return `${account.webhookBaseUrl}/recording${callId ? `?callId=${callId}` : ''}`;
}

/** Problems with the inbound-call and recording settings (part of validateConfig). */
export function twimlSettingsProblems(s: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const text = (key: string, max: number) => s[key] === undefined || (typeof s[key] === 'string' && s[key].length > 0 && s[key].length <= max);
  if (!text('inboundGreeting', 1000)) problems.push('settings.inboundGreeting must be a text of at most 1000 characters');
  if (s.inboundLanguage !== undefined && (typeof s.inboundLanguage !== 'string' || !LANGUAGE.test(s.inboundLanguage))) problems.push('settings.inboundLanguage must be a language tag such as tr-TR');
  if (!text('inboundQueue', 64)) problems.push('settings.inboundQueue must be a queue name of at most 64 characters');
  if (s.inboundTwiml !== undefined && (typeof s.inboundTwiml !== 'string' || s.inboundTwiml.length > 20_000 || !TWIML_DOCUMENT.test(s.inboundTwiml))) {
    problems.push('settings.inboundTwiml must be a TwiML document (<Response>…</Response>, at most 20,000 characters)');
  }
  if (s.record !== undefined && typeof s.record !== 'boolean') problems.push('settings.record must be true or false');
  if (s.recordingChannels !== undefined && !CHANNELS.includes(s.recordingChannels as string)) problems.push('settings.recordingChannels must be mono or dual');
  return problems;
}

/**
 * The answer to the number's "A call comes in" webhook. `settings.inboundTwiml` is used as it is;
 * otherwise: recording when `settings.record` is true, the optional greeting (`inboundGreeting`,
 * `inboundLanguage`), then the caller waits in the Twilio queue `inboundQueue` (default
 * "santral") with Twilio's hold music — not dead air — until routing moves the call on (transfer
 * redirects it out of the queue with new TwiML) or the caller hangs up (status callback → ended).
 */
export function inboundTwiml(account: ProviderAccountContext): string {
  const s = account.settings;
  if (typeof s.inboundTwiml === 'string' && TWIML_DOCUMENT.test(s.inboundTwiml)) {
    return s.inboundTwiml.trimStart().startsWith('<?xml') ? s.inboundTwiml : `${DECLARATION}${s.inboundTwiml}`;
  }
  let verbs = '';
  if (s.record === true) {
    const channels = CHANNELS.includes(s.recordingChannels as string) ? ` channels="${s.recordingChannels as string}"` : '';
    verbs += `<Start><Recording recordingStatusCallback="${xml(recordingCallbackUrl(account))}" recordingStatusCallbackEvent="completed absent"${channels}/></Start>`;
  }
  if (typeof s.inboundGreeting === 'string' && s.inboundGreeting) {
    const language = typeof s.inboundLanguage === 'string' && LANGUAGE.test(s.inboundLanguage) ? ` language="${s.inboundLanguage}"` : '';
    verbs += `<Say${language}>${xml(s.inboundGreeting)}</Say>`;
  }
  const queue = typeof s.inboundQueue === 'string' && s.inboundQueue ? s.inboundQueue.slice(0, 64) : DEFAULT_INBOUND_QUEUE;
  return `${DECLARATION}<Response>${verbs}<Enqueue>${xml(queue)}</Enqueue></Response>`;
}
