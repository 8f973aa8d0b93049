import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from './after-commit';

/** A database transaction handle; repositories take it to join the caller's transaction. */
export type Tx = EntityManager;

/** Port: runs work in one database transaction (commit on return, rollback on throw). */
export abstract class TransactionRunner {
  abstract run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;

  /**
   * Several reads that must agree (a record with its children): one read-only transaction that
   * sees one snapshot of the database, so a write committing between two of the reads is in all of
   * them or in none.
   */
  snapshot<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.run(work);
  }
}

@Injectable()
export class TypeOrmTransactionRunner extends TransactionRunner {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, work);
  }

  override snapshot<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return work(tx);
    });
  }
}
