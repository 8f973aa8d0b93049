import { parentPort } from 'node:worker_threads';
import { normalizeMany } from '@santral/phone';
import { normalizeBatch, type NormalizeTask } from './normalize-batch';

// One worker of the import's normalization pool: libs/phone over a batch, answers compact results.
parentPort!.on('message', (task: NormalizeTask) => parentPort!.postMessage(normalizeBatch(task, normalizeMany)));
