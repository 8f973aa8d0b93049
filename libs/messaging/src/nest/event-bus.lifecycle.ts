import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { EventBus } from '../events/event-bus';
import { ON_EVENT_METADATA, OnEventMetadata } from './on-event.decorator';

/**
 * Finds `@OnEvent` methods on providers and controllers, subscribes them and starts
 * the bus once every module is initialized; stops it before the NATS connection and
 * the data source close (those close in `onApplicationShutdown`).
 */
@Injectable()
export class EventBusLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly bus: EventBus,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const wrappers = [...this.discovery.getProviders(), ...this.discovery.getControllers()];
    const seen = new Set<string>();
    for (const w of wrappers) {
      const instance: unknown = w.instance;
      if (!instance || typeof instance !== 'object' || !w.isDependencyTreeStatic()) continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = (instance as Record<string, unknown>)[method];
        if (typeof fn !== 'function') continue;
        const meta = this.reflector.get<OnEventMetadata | undefined>(ON_EVENT_METADATA, fn);
        if (!meta) continue;
        const key = `${meta.subject}|${meta.options.name ?? ''}`;
        if (seen.has(key)) throw new Error(`Two @OnEvent handlers share subscription ${key}; give one a name`);
        seen.add(key);
        const call = (...args: unknown[]) => (fn as (...a: unknown[]) => unknown).apply(instance, args);
        if (meta.batch) await this.bus.subscribeBatch(meta.subject, (events, manager) => call(events, manager), meta.options);
        else await this.bus.subscribe(meta.subject, (data, env, manager) => call(data, env, manager), meta.options);
      }
    }
    await this.bus.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.bus.stop();
  }
}
