import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from '@santral/service-kit';
import { TransactionRunner, TypeOrmTransactionRunner } from '@santral/persistence';

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
