import { ProviderRejectedError } from '../../shared/telephony.error';
import { callGearTransferTarget, DEFAULT_HOLD_MESSAGE, holdMessageOf } from './callgear-transfer';

describe('CallGear transfer target (make.call `to`)', () => {
  it.each([
    ['+905559876543', undefined, '905559876543'],
    ['+14155550100', 'sip.callgear.test', '14155550100'],
    ['sip:7001@sip.callgear.test', 'sip.callgear.test', '7001'],
    ['sips:7001@SIP.CallGear.test:5061;transport=tls', 'sip.callgear.test', '7001'],
  ])('%s (sipDomain %p) → %s', (target, sipDomain, to) => {
    expect(callGearTransferTarget(target, sipDomain)).toBe(to);
  });

  it.each([
    ['sip:operator@pbx.example.com', undefined, /settings\.sipDomain is not set/],
    ['sip:7001@pbx.example.com', 'sip.callgear.test', /only SIP line numbers of this CallGear account \(sip:<digits>@sip\.callgear\.test\)/],
    ['sip:operator@sip.callgear.test', 'sip.callgear.test', /only SIP line numbers/],
    ['05559876543', undefined, /neither an E\.164 number nor a SIP URI/],
  ])('%s (sipDomain %p) → NOT_SUPPORTED naming why', (target, sipDomain, why) => {
    let thrown: unknown;
    try {
      callGearTransferTarget(target, sipDomain);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ProviderRejectedError);
    expect(thrown).toMatchObject({ providerCode: 'NOT_SUPPORTED', message: expect.stringMatching(why) });
  });
});

describe('CallGear hold message (hold.call contact_message)', () => {
  it.each([
    [{}, DEFAULT_HOLD_MESSAGE],
    [{ transferHoldMessage: '  Lütfen bekleyin  ' }, { type: 'tts', value: 'Lütfen bekleyin' }],
    [{ transferHoldMessage: ' ' }, DEFAULT_HOLD_MESSAGE],
    [{ transferHoldMediaFileId: 2561 }, { type: 'media', value: '2561' }],
    [{ transferHoldMediaFileId: '2561', transferHoldMessage: 'x' }, { type: 'media', value: '2561' }],
  ])('%j → %j', (settings, message) => {
    expect(holdMessageOf(settings)).toEqual(message);
  });
});
