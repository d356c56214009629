/**
 * The body of a document worker thread (piscina): runs one task of tasks.ts. A DomainError
 * (a limit) comes back as data, since an error's own fields do not cross threads; anything
 * else is thrown (a bug). The first message on `started` tells the pool the task began, so
 * that the time limit counts running time, not time in the queue.
 */
import type { MessagePort } from 'node:worker_threads';
import { DomainError } from '../errors.ts';
import type { DocumentLimits } from '../markdown/limits.ts';
import { runDocumentTask, type DocumentTaskName } from './tasks.ts';

export interface WorkerTask {
  name: DocumentTaskName;
  input: unknown;
  limits: DocumentLimits;
  started: MessagePort;
}

export type WorkerAnswer = { ok: true; value: unknown } | { ok: false; error: { code: DomainError['code']; message: string; details: Record<string, unknown> } };

export default function documentWorker(task: WorkerTask): WorkerAnswer {
  task.started.postMessage('started');
  task.started.close();
  try {
    return { ok: true, value: runDocumentTask(task.name, task.input as never, task.limits) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
    throw error;
  }
}
