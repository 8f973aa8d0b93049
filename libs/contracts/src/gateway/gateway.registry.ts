import { event, type EntriesOf } from '../registry/define';
import { OrganizationCreatedV1, OrganizationUpdatedV1 } from './gateway.events';

/** JetStream subjects of the gateway context: the events it publishes and the commands it receives. */
export const GatewaySubjects = {
  OrganizationCreated: 'gateway.organization.created.v1',
  OrganizationUpdated: 'gateway.organization.updated.v1',
} as const;

const ORG_CONSUMERS = ['campaign', 'dialer-orchestrator', 'telephony-gateway', 'billing', 'ticketing'] as const;

/** What travels on each subject above; a subject without its entry does not compile. */
export const gatewayMessages = {
  [GatewaySubjects.OrganizationCreated]: event(OrganizationCreatedV1, {
    description: 'An organization was created with its plan limits, default country and time zone.',
    producer: 'api-gateway',
    consumers: ORG_CONSUMERS,
    public: false,
    status: 'stable',
  }),
  [GatewaySubjects.OrganizationUpdated]: event(OrganizationUpdatedV1, {
    description: 'An organization changed (plan, slots, calls/hour, minimum credits, country, time zone); full snapshot.',
    producer: 'api-gateway',
    consumers: ORG_CONSUMERS,
    public: false,
    status: 'stable',
  }),
} satisfies EntriesOf<typeof GatewaySubjects>;
