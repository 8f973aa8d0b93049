import { endReasonCodeForProviderCode, endReasonFor } from '@santral/call-state';
import { endReasonForFinalStatus, toWireEndReason } from './end-reasons';

describe('end reasons', () => {
  it.each([
    ['FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT', 'configuration', false],
    ['FROM_NUMBER_NOT_FOUND', 'configuration', false],
    ['AGENT_FROM_NOT_FOUND', 'configuration', false],
    ['TO_NUMBER_NOT_ALLOWS_CALLOUT', 'configuration', false],
    ['AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL', 'configuration', false],
    ['REQUEST_ANSWER_URL_ERROR', 'platform', false],
  ])('Stringee %s → fault %s, billable %s, kept verbatim (S3)', (code, fault, billable) => {
    const r = endReasonForFinalStatus('failed', { providerCode: code });
    expect(r).toMatchObject({ status: 'failed', reason: endReasonCodeForProviderCode(code), fault, billable, providerCode: code });
    expect(toWireEndReason(r)).toMatchObject({ status: 'failed', fault, billable, providerCode: code });
  });

  it.each([
    ['completed', {}, 'completed', 'ended'],
    ['completed', { hangupBy: 'customer' as const }, 'customer_hung_up', 'ended'],
    ['completed', { answeredBy: 'machine' as const }, 'voicemail', 'ended'],
    ['busy', {}, 'busy', 'busy'],
    ['no-answer', {}, 'no_answer', 'no_answer'],
    ['canceled', {}, 'cancelled_by_user', 'cancelled'],
    ['failed', { sipCause: 404 }, 'invalid_number', 'failed'],
    ['failed', {}, 'provider_error', 'failed'],
  ] as const)('final status %s %j → %s (%s)', (status, details, reason, terminal) => {
    expect(endReasonForFinalStatus(status, details)).toMatchObject({ reason, status: terminal });
  });

  it('keeps SIP causes only in range on the wire', () => {
    expect(toWireEndReason(endReasonFor('busy', { sipCause: 486 })).sipCause).toBe(486);
    expect(toWireEndReason(endReasonFor('busy', { sipCause: 42 })).sipCause).toBeUndefined();
  });
});
