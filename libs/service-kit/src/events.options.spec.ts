import { eventStreamConfig } from '@santral/messaging';
import { serviceEventBusOptions } from './events.options';
import type { ServiceKitConfig } from './service-definition';

const config = (over: Partial<ServiceKitConfig> = {}) => ({ NODE_ENV: 'production', SUBJECT_PREFIX: '', EVENTS_STREAM_MAX_MB: 0, EVENTS_STREAM_REPLICAS: 1, ...over }) as ServiceKitConfig;

describe('serviceEventBusOptions → the events stream JetStream is asked for', () => {
  it('keeps as many copies as EVENTS_STREAM_REPLICAS says (3 on a three-node cluster), one by default', () => {
    expect(eventStreamConfig(serviceEventBusOptions(config())).num_replicas).toBe(1);
    expect(eventStreamConfig(serviceEventBusOptions(config({ EVENTS_STREAM_REPLICAS: 3 }))).num_replicas).toBe(3);
  });

  it('sizes it from EVENTS_STREAM_MAX_MB, 64 MiB for a test prefix', () => {
    expect(eventStreamConfig(serviceEventBusOptions(config({ EVENTS_STREAM_MAX_MB: 10 }))).max_bytes).toBe(10 * 1024 ** 2);
    expect(eventStreamConfig(serviceEventBusOptions(config({ SUBJECT_PREFIX: 't_x' }))).max_bytes).toBe(64 * 1024 ** 2);
  });
});
