// Diffs and three-way merges off the event loop: a line diff of two big files is seconds of CPU
// even within core/diff's limits, and a request must never wait behind it.
import {
  diffFileSets,
  mergeFileSets,
  type DiffFileSetsOptions,
  type FileSetDiff,
  type FileSetMerge,
  type GeneratedFile,
  type MergeFileSetsInput,
  type MergeFileSetsOptions,
} from '../../core/diff/index.js';
import type { DiffAnswer, DiffTask } from './diff-worker.js';
import { WorkerPool } from './pool.js';

/** core/diff's file-set diff and merge, wherever they run. */
export interface Differ {
  diffFileSets(
    oldFiles: GeneratedFile[],
    newFiles: GeneratedFile[],
    options?: DiffFileSetsOptions,
  ): Promise<FileSetDiff>;
  mergeFileSets(input: MergeFileSetsInput, options?: MergeFileSetsOptions): Promise<FileSetMerge>;
}

/** On the calling thread: for code that runs without the server's pool (scripts); still bounded. */
export const onThisThread: Differ = {
  diffFileSets: async (oldFiles, newFiles, options = {}) => diffFileSets(oldFiles, newFiles, options),
  mergeFileSets: async (input, options = {}) => mergeFileSets(input, options),
};

/** The server's diff thread (diff-worker.ts), started on first use. */
export class DiffPool implements Differ {
  private readonly pool = new WorkerPool<DiffTask, DiffAnswer>(import.meta.url, 'diff-worker');
  private running = 0;

  /** Diffs and merges sent to the thread and not answered yet (queued ones included), for /metrics. */
  get inFlight(): number {
    return this.running;
  }

  async diffFileSets(
    oldFiles: GeneratedFile[],
    newFiles: GeneratedFile[],
    options: DiffFileSetsOptions = {},
  ): Promise<FileSetDiff> {
    return (await this.run({ op: 'diff', oldFiles, newFiles, options })) as FileSetDiff;
  }

  async mergeFileSets(input: MergeFileSetsInput, options: MergeFileSetsOptions = {}): Promise<FileSetMerge> {
    return (await this.run({ op: 'merge', input, options })) as FileSetMerge;
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async run(task: DiffTask): Promise<DiffAnswer> {
    this.running++;
    try {
      return await this.pool.run(task);
    } finally {
      this.running--;
    }
  }
}
