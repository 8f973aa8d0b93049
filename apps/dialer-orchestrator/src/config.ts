import { IsIn, IsInt, Max, Min } from 'class-validator';
import { serviceConfig } from '@santral/service-kit';

/** The dialer's variables; DB_SCHEMA and HTTP_PORT come from services.json. */
export class DialerConfig extends serviceConfig('dialer-orchestrator') {
  /** Dispatch passes at least this often (a freed slot wakes one at once); 0 turns the dispatcher off. */
  @IsInt()
  @Min(0)
  @Max(60_000)
  DISPATCH_INTERVAL_MS: number = 500;

  /** How often the watchdog ends calls whose slot lease ran out (every fact lost); 0 turns it off. */
  @IsInt()
  @Min(0)
  @Max(600_000)
  WATCHDOG_INTERVAL_MS: number = 10_000;

  /** A new call's lease lasts its ring timeout plus this, until a telephony fact extends it. */
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  LEASE_GRACE_MS: number = 60_000;

  /** Organizations one pass serves at most (those with the most free slots first). */
  @IsInt()
  @Min(1)
  @Max(5000)
  DISPATCH_MAX_ORGANIZATIONS: number = 200;

  /** `billing`: hold credit through rpc.billing.*; `unmetered`: no billing service (dialer-only tests, bench:dialer). */
  @IsIn(['billing', 'unmetered'])
  CREDIT_RESERVATIONS: 'billing' | 'unmetered' = 'billing';
}
