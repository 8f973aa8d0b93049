/**
 * The dialer's pure rules: calling windows and the retry matrix. No framework, no I/O,
 * no clock: every instant is a parameter.
 */
export * from './calling-window';
export * from './calling-window.explain';
export * from './calling-window.validation';
export * from './contact-time-zones';
export * from './field-error';
export * from './frequency-cap';
export * from './retry-policy';
export * from './retry-policy.validation';
export { isKnownTimeZone } from './local-time';
