// The queue's recent jobs of a project, from pg-boss's own table.
import type { RequestContext } from '../../lib/context.js';
import { BOSS_SCHEMA } from '../../jobs/boss.js';

export interface JobRow {
  id: string;
  name: string;
  state: string;
  attempts: number;
  retryLimit: number;
  lastError: string | null;
  nextRunAt: string | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  data: unknown;
}

export async function listJobs(ctx: RequestContext, limit: number, state?: string): Promise<JobRow[]> {
  try {
    const rows = await ctx.db.$queryRawUnsafe<
      Array<{
        id: string;
        name: string;
        state: string;
        retry_count: number;
        retry_limit: number;
        output: unknown;
        start_after: Date;
        created_on: Date;
        started_on: Date | null;
        completed_on: Date | null;
        data: unknown;
      }>
    >(
      `SELECT id, name, state, retry_count, retry_limit, output, start_after, created_on, started_on, completed_on, data
       FROM ${BOSS_SCHEMA}.job WHERE data->>'projectId' = $1 ${state ? 'AND state = $3' : ''}
       ORDER BY created_on DESC, id DESC LIMIT $2`,
      ...(state ? [ctx.projectId, limit, state] : [ctx.projectId, limit]),
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      state: r.state,
      attempts: r.retry_count + (r.started_on ? 1 : 0),
      retryLimit: r.retry_limit,
      lastError: r.state === 'failed' || r.state === 'retry' ? errorMessage(r.output) : null,
      nextRunAt: r.state === 'created' || r.state === 'retry' ? r.start_after.toISOString() : null,
      createdAt: r.created_on.toISOString(),
      startedAt: r.started_on?.toISOString() ?? null,
      completedAt: r.completed_on?.toISOString() ?? null,
      data: r.data,
    }));
  } catch (err) {
    // No queue in this database yet (JOBS off until now): no jobs.
    if (/relation .* does not exist|schema .* does not exist/.test((err as Error).message)) return [];
    throw err;
  }
}

function errorMessage(output: unknown): string | null {
  const o = output as { message?: unknown } | null;
  return o && typeof o.message === 'string' ? o.message : output ? JSON.stringify(output).slice(0, 500) : null;
}
