/** Typed in-memory fakes of the generic ports (no I/O), for unit specs of any service. */
import { cursorTimestamp, TransactionRunner, toPage, type Page, type PageRequest, type Tx } from '@santral/persistence';
import { Clock } from '@santral/service-kit';

/** A clock that stands still until a test moves `current`. */
export class FakeClock extends Clock {
  constructor(public current = new Date('2026-01-02T03:04:05.678Z')) {
    super();
  }

  now(): Date {
    return new Date(this.current);
  }
}

/** Runs work with a marker transaction; `inside` tells a fake whether a transaction is open. */
export class FakeTransactions extends TransactionRunner {
  readonly tx = { fakeTransaction: true } as unknown as Tx;
  runs = 0;
  inside = false;

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    this.runs++;
    this.inside = true;
    try {
      return await work(this.tx);
    } finally {
      this.inside = false;
    }
  }
}

/** The keyset page a repository would return over `rows`: newest first, (createdAt DESC, id DESC). */
export function keysetPageOf<T extends { id: string; createdAt: Date }>(rows: readonly T[], page: PageRequest): Page<T> {
  const after = page.after;
  const isAfter = (r: T): boolean => {
    if (!after) return true;
    const at = cursorTimestamp(r.createdAt);
    return at < after.createdAt || (at === after.createdAt && r.id < after.id);
  };
  const sorted = [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return toPage(sorted.filter(isAfter).slice(0, page.limit + 1), page.limit);
}
