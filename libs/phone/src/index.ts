export {
  MAX_PHONE_INPUT_LENGTH,
  PHONE_TYPES,
  PhoneErrorCode,
  type InvalidPhoneNumber,
  type PhoneResult,
  type PhoneType,
  type ValidPhoneNumber,
} from './phone.types';
export { normalizeMany, normalizePhoneNumber } from './normalize-phone-number';
export { callerIdKey, sameNumber } from './caller-id-key';
export { STRICTEST_WINDOW_NOTE, timeZonesForNumber, type NumberTimeZones, type TimeZoneSource } from './time-zones';
