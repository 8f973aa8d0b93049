/** One dialer-orchestrator replica as bench/dialer.ts forks it (see runBenchReplica). */
import 'reflect-metadata';
import { runBenchReplica } from '@santral/service-kit';
import { dialerService } from '../src/app.module';

runBenchReplica(dialerService);
