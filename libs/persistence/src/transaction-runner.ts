import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from './after-commit';

/** A database transaction handle; repositories take it to join the caller's transaction. */
export type Tx = EntityManager;

/** Port: runs work in one database transaction (commit on return, rollback on throw). */
export abstract class TransactionRunner {
  abstract run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

@Injectable()
export class TypeOrmTransactionRunner extends TransactionRunner {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, work);
  }
}
