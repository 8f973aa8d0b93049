/** One billing replica as bench/billing.ts forks it (see runBenchReplica). */
import 'reflect-metadata';
import { runBenchReplica } from '@santral/service-kit';
import { billingService } from '../src/app.module';

runBenchReplica(billingService);
