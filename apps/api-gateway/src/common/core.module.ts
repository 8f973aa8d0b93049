import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';
import { TransactionRunner, TypeOrmTransactionRunner } from './transaction-runner';

/** Ports every feature uses: the clock and database transactions. */
@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: TransactionRunner, useClass: TypeOrmTransactionRunner },
  ],
  exports: [Clock, TransactionRunner],
})
export class CoreModule {}
