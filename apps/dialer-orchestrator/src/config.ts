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

  /** A provider account's calls per second when the dial plan does not name it (Twilio's default is 1). */
  @IsInt()
  @Min(1)
  @Max(1000)
  PROVIDER_CPS_DEFAULT: number = 1;

  /** Talk time credit is reserved for at dispatch when the dial plan names no maximum call length. */
  @IsInt()
  @Min(10)
  @Max(86_400)
  RESERVATION_DEFAULT_SECONDS: number = 3600;

  /** A call still up after this long (when its plan names no maximum) is ended and hung up (E8). */
  @IsInt()
  @Min(60)
  @Max(86_400)
  MAX_CALL_SECONDS_DEFAULT: number = 14_400;

  /** A call dialling or ringing this long past its ring timeout is ended as no_answer (E3). */
  @IsInt()
  @Min(0)
  @Max(600_000)
  RING_TIMEOUT_GRACE_MS: number = 10_000;

  /** A direct call (single, test, click-to-call, callback) ready but undialled this long fails as queue_timeout (E3). */
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  QUEUED_MAX_MS: number = 300_000;

  /** How often operators held by an ended or unknown call are freed (E8: within a minute); 0 turns the sweep off. */
  @IsInt()
  @Min(0)
  @Max(60_000)
  OPERATOR_SWEEP_INTERVAL_MS: number = 15_000;

  /** An operator held by a call the dialer does not know is freed only once their presence is this old. */
  @IsInt()
  @Min(0)
  @Max(60_000)
  OPERATOR_SWEEP_GRACE_MS: number = 30_000;
  /** `billing`: hold credit through rpc.billing.*; `unmetered`: no billing service (dialer-only tests, bench:dialer). */
  @IsIn(['billing', 'unmetered'])
  CREDIT_RESERVATIONS: 'billing' | 'unmetered' = 'billing';
}
