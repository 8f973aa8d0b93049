import 'reflect-metadata';

// Subjects, streams and naming
export * from './subjects';
export * from './streams';
export * from './naming';
export * from './health.subjects';
export * from './services/services';

// Envelope
export * from './envelope';

// Wire vocabularies and validators
export * from './vocabulary';
export * from './validation/decorators';
export * from './validation/validate';
export * from './validation/envelope-check';
export * from './validation/sample-from-schema';

// Payloads (data part of each message)
export * from './events/call-common';
export * from './events/gateway.events';
export * from './events/campaign.events';
export * from './events/agent.events';
export * from './events/dialer.events';
export * from './events/telephony.events';
export * from './events/telephony.commands';
export * from './events/billing.events';
export * from './events/transcript.events';
export * from './events/ticketing.events';
export * from './rpc/rpc.messages';
export * from './rpc/telephony.rpc.messages';

// Registry, JSON Schema, AsyncAPI
export * from './registry/define';
export * from './registry/registry';
export * from './json-schema';
export * from './asyncapi';

// Errors
export * from './errors/code-enum';
export * from './errors/common.errors';
export * from './errors/phone.errors';
export * from './errors/billing.errors';
export * from './errors/campaign.errors';
export * from './errors/dialing.errors';
export * from './errors/telephony.errors';
export * from './errors/transcript.errors';
export * from './errors/ticketing.errors';
export * from './errors/error-codes';
export * from './errors/problems';
export * from './errors/domain-error';
