// What services see of the queue: send a job, inside the caller's transaction when there is one.
import type PgBoss from 'pg-boss';
import type { Tx } from '../db/database.js';
import { txDb } from './boss.js';
import { QUEUES, type Payload, type QueueName } from './queues.js';

export interface SendOptions {
  singletonKey?: string;
  /** not before this time */
  startAfter?: Date;
}

export interface JobQueue {
  /** The job id, or null when an equal job (same singleton key) is already waiting. */
  send<N extends QueueName>(tx: Tx | null, name: N, data: Payload<N>, options?: SendOptions): Promise<string | null>;
  /** Many jobs of one queue in one statement (a sync's thousand drafts are one insert, not a thousand). */
  sendMany<N extends QueueName>(tx: Tx | null, name: N, data: readonly Payload<N>[]): Promise<void>;
}

export function jobQueue(boss: PgBoss): JobQueue {
  return {
    async send(tx, name, data, options = {}) {
      const payload = QUEUES[name].payload.parse(data);
      return boss.send(name, payload as object, {
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
        ...(tx ? { db: txDb(tx) } : {}),
      });
    },
    async sendMany(tx, name, data) {
      if (!data.length) return;
      const jobs = data.map((d) => ({ name, data: QUEUES[name].payload.parse(d) as object }));
      await boss.insert(jobs, tx ? { db: txDb(tx) } : {});
    },
  };
}
