import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { normalizeMany } from '@santral/phone';
import { normalizeBatch, type NormalizedBatch } from './normalize-batch';

/** Port: normalizes batches of numbers (B1), possibly off the main thread. */
export abstract class PhoneNormalizer {
  abstract normalize(inputs: string[], country: string): Promise<NormalizedBatch>;
}

/** In the calling thread (IMPORT_WORKERS=0, and the unit specs). */
export class InlinePhoneNormalizer extends PhoneNormalizer {
  async normalize(inputs: string[], country: string): Promise<NormalizedBatch> {
    return normalizeBatch({ id: 0, inputs, country }, normalizeMany);
  }
}

/** Starts one worker: the compiled file, or under ts (tests, tsx) the source through @swc-node/register. */
function startWorker(): Worker {
  const file = join(__dirname, `normalize.worker${extname(__filename)}`);
  // A young generation of 64 MB (V8's default is a few): libphonenumber allocates a lot per number,
  // all of it short-lived; fewer scavenges cut 2–4 µs of CPU per imported row (bench:import, in pairs of runs).
  const resourceLimits = { maxYoungGenerationSizeMb: 64 };
  if (extname(__filename) !== '.ts') return new Worker(file, { resourceLimits });
  return new Worker(`require('@swc-node/register'); require(${JSON.stringify(file)});`, { eval: true, resourceLimits });
}

/**
 * A small pool of worker threads doing libs/phone (the import's hottest step after parsing),
 * so parsing, normalizing and COPY overlap. Workers start on first use and are shared by jobs.
 */
@Injectable()
export class WorkerPhoneNormalizer extends PhoneNormalizer implements OnApplicationShutdown {
  private readonly logger = new Logger(WorkerPhoneNormalizer.name);
  private workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<(w: Worker) => void> = [];
  private readonly pending = new Map<number, { resolve: (b: NormalizedBatch) => void; reject: (e: Error) => void; worker: Worker }>();
  private nextId = 1;
  private closing = false;

  constructor(private readonly size: number) {
    super();
  }

  async normalize(inputs: string[], country: string): Promise<NormalizedBatch> {
    const worker = await this.acquire();
    const id = this.nextId++;
    try {
      return await new Promise<NormalizedBatch>((resolve, reject) => {
        this.pending.set(id, { resolve, reject, worker });
        worker.postMessage({ id, inputs, country });
      });
    } finally {
      this.release(worker);
    }
  }

  private async acquire(): Promise<Worker> {
    if (this.workers.length === 0) this.start();
    const free = this.idle.pop();
    if (free) return free;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: Worker): void {
    if (!this.workers.includes(worker)) return;
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.idle.push(worker);
  }

  private start(): void {
    for (let i = 0; i < this.size; i++) {
      const worker = startWorker();
      worker.on('message', (batch: NormalizedBatch) => {
        const p = this.pending.get(batch.id);
        this.pending.delete(batch.id);
        p?.resolve(batch);
      });
      worker.on('error', (error) => this.fail(worker, error));
      worker.on('exit', (code) => code !== 0 && !this.closing && this.fail(worker, new Error(`normalization worker exited with ${code}`)));
      worker.unref();
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  /** A dead worker fails its batch (the job fails, nothing imported) and is replaced on next use. */
  private fail(worker: Worker, error: Error): void {
    this.logger.warn(`normalization worker failed: ${error.message}`);
    for (const [id, p] of this.pending) {
      if (p.worker === worker) {
        this.pending.delete(id);
        p.reject(error);
      }
    }
    this.workers = this.workers.filter((w) => w !== worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    if (this.workers.length === 0) this.idle.length = 0;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    const workers = this.workers;
    this.workers = [];
    this.idle.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
