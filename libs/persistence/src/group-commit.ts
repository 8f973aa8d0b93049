/** One answer of a batch: its value, or the error that request gets (the others still get theirs). */
export type BatchOutcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

export interface GroupCommitOptions {
  /** The most requests one batch takes. */
  maxBatch: number;
  /** Batches in flight at once; the requests that arrive meanwhile wait and form the next one. */
  concurrency: number;
}

/**
 * Group commit: requests that arrive while earlier batches are being written wait and are written
 * together, in one transaction of `run`, so under load the cost of a transaction (its round trips,
 * its commit, its row locks) is shared by all of them and with no load a request waits for no one.
 * `run` answers each request of the batch, in order; if it throws, every request of the batch gets
 * that error.
 */
export class GroupCommit<I, O> {
  private readonly queue: Array<{ input: I; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  private inFlight = 0;

  constructor(
    private readonly run: (inputs: I[]) => Promise<Array<BatchOutcome<O>>>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      this.run(batch.map((b) => b.input))
        .then(
          (outcomes) =>
            batch.forEach((b, i) => {
              const o = outcomes[i];
              if (!o) b.reject(new Error('group commit: the batch gave no answer for this request'));
              else if (o.ok) b.resolve(o.value);
              else b.reject(o.error);
            }),
          (err: unknown) => batch.forEach((b) => b.reject(err)),
        )
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }
}
