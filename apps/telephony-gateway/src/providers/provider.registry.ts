import { TelephonyError } from '../shared/telephony.error';
import type { ProviderType } from '../provider-accounts/provider-account.entity';
import type { TelephonyProvider } from './provider.port';

/** The adapters by provider type; the one place a type string becomes an implementation. */
export class ProviderRegistry {
  private readonly byType = new Map<string, TelephonyProvider>();

  constructor(providers: TelephonyProvider[]) {
    for (const p of providers) this.byType.set(p.type, p);
  }

  has(type: string): type is ProviderType {
    return this.byType.has(type);
  }

  get(type: string): TelephonyProvider {
    const p = this.byType.get(type);
    if (!p) throw new TelephonyError('PROVIDER_NOT_SUPPORTED', `No adapter for provider "${type}"`);
    return p;
  }
}

/** Optional capability: push settings to the provider (the simulator's "console"). */
export interface ConfigurableProvider {
  configure(account: import('./provider.port').ProviderAccountContext): Promise<void>;
}

export function isConfigurable(p: TelephonyProvider): p is TelephonyProvider & ConfigurableProvider {
  return typeof (p as Partial<ConfigurableProvider>).configure === 'function';
}
