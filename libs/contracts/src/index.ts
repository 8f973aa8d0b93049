import 'reflect-metadata';

// Subjects, streams and naming
export * from './subjects';
export * from './streams';
export * from './naming';
export * from './health.subjects';
export * from './services/service-registry';

// Envelope
export * from './envelope';

// Wire vocabularies and validators
export * from './vocabulary';
export * from './validation/decorators';
export * from './validation/validate';
export * from './validation/envelope-check';
export * from './validation/sample-from-schema';

// Payloads (data part of each message), one folder per context
export * from './common/call-common';
export * from './common/common.rpc';
export * from './gateway/gateway.events';
export * from './campaign/campaign.events';
export * from './campaign/agent.events';
export * from './campaign/campaign.rpc';
export * from './campaign/campaigns.rpc';
export * from './campaign/agent.rpc';
export * from './campaign/call-list.rpc';
export * from './campaign/spreadsheet-cells';
export * from './dialer/dialer.events';
export * from './dialer/dialer.rpc';
export * from './dialer/dialing-rules.rpc';
export * from './dialer/diagnostics.rpc';
export * from './dialer/calls.rpc';
export * from './dialer/dnc-check.rpc';
export * from './dialer/message-rules.rpc';
export * from './telephony/telephony.events';
export * from './telephony/telephony.commands';
export * from './telephony/telephony.rpc';
export * from './billing/billing.events';
export * from './billing/billing.rpc';
export * from './transcript/transcript.events';
export * from './ticketing/ticketing.events';
export * from './ticketing/ticketing.rpc';
export * from './ticketing/customers.rpc';
export * from './ticketing/tickets.rpc';
export * from './ticketing/ticket-stats.rpc';
export * from './ticketing/operator-helpers.rpc';

// Registry, JSON Schema, AsyncAPI
export * from './registry/define';
export * from './registry/registry';
export * from './json-schema';
export * from './asyncapi';

// Errors: shared codes, each context's enum, then the union, the problem map and DomainError
export * from './common/code-enum';
export * from './common/common.errors';
export * from './common/phone.errors';
export * from './gateway/gateway.errors';
export * from './gateway/events-stream.errors';
export * from './campaign/campaign.errors';
export * from './dialer/dialer.errors';
export * from './telephony/telephony.errors';
export * from './billing/billing.errors';
export * from './transcript/transcript.errors';
export * from './ticketing/tickets.errors';
export * from './ticketing/operator-helpers.errors';
export * from './ticketing/ticketing.errors';
export * from './errors/error-codes';
export * from './errors/problems';
export * from './errors/domain-error';
export * from './errors/unavailable';
