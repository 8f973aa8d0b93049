import { Controller, DynamicModule, Get, Inject, Module, ModuleMetadata } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';

/** A dependency the service needs before it may take traffic (database, NATS, …). */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  /** Liveness: the process and its event loop answer. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([async () => this.indicators.check('process').up({ uptime: Math.round(process.uptime()) })]);
  }

  /** Readiness: every dependency answers within 2 s. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(
      this.checks.map((c) => async () => {
        const session = this.indicators.check(c.name);
        try {
          await withTimeout(c.check(), 2000);
          return session.up();
        } catch (e) {
          return session.down({ message: (e as Error).message });
        }
      }),
    );
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export interface HealthModuleOptions {
  imports?: ModuleMetadata['imports'];
  inject?: Array<string | symbol | (abstract new (...args: never[]) => unknown)>;
  checks: (...deps: never[]) => ReadinessCheck[];
}

@Module({})
export class HealthModule {
  static forRoot(opts: HealthModuleOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...(opts.imports ?? [])],
      controllers: [HealthController],
      providers: [{ provide: READINESS_CHECKS, useFactory: opts.checks, inject: opts.inject ?? [] }],
    };
  }
}
