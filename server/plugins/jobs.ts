import { hostname } from 'node:os';
import fp from 'fastify-plugin';
import type PgBoss from 'pg-boss';
import { FigmaClient } from '../figma/client.js';
import { createBoss } from '../jobs/boss.js';
import { systemContext } from '../jobs/context.js';
import { jobQueue, type JobQueue } from '../jobs/job-queue.js';
import { hookKey, manualKey, resumeOverduePolls, schedulePoll } from '../jobs/polls.js';
import { QUEUES, QUEUE_NAMES, type Payload, type QueueName } from '../jobs/queues.js';
import {
  checkFile,
  runDaily,
  webhookCheckDelay,
  regenerateRecorded,
  regenerationFailed,
  checkTokenSource,
  confinedPath,
  TokenSourceWatcher,
} from '../services/automation/index.js';
import { sendDelivery } from '../services/notifications/index.js';
import { runPreviewBuild } from '../services/previews/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** the job queue; null when this process runs none (JOBS=false) */
    jobs: JobQueue | null;
    boss: PgBoss | null;
    figma: FigmaClient;
    tokenSources: TokenSourceWatcher | null;
  }
}

const DAILY_CRON = '15 3 * * *';
const SUPERVISE_CRON = '* * * * *';

/** A job failing now is not retried again. */
const lastAttempt = (job: { retryCount: number; retryLimit: number }) => job.retryCount >= job.retryLimit;

/**
 * The job queue (pg-boss on the server's database) and its workers: Figma file checks on
 * schedules and webhooks, regenerations, token-file checks, outbound webhook deliveries and the
 * daily job. Started with the server; stopped with it, letting running jobs finish.
 */
export default fp(
  async (app) => {
    const { config } = app;
    app.decorate(
      'figma',
      new FigmaClient({
        baseUrl: config.figma.apiBase,
        timeoutMs: config.figma.timeoutMs,
        userAgent: `design-sync (${hostname()}; pid ${process.pid})`,
      }),
    );
    if (!config.jobs.enabled) {
      app.decorate('jobs', null);
      app.decorate('boss', null);
      app.decorate('tokenSources', null);
      return;
    }
    const boss = createBoss(app.db, config);
    boss.on('error', (err) => app.log.error({ err }, 'job queue error'));
    await boss.start();
    for (const name of QUEUE_NAMES) {
      const queue = {
        name,
        ...QUEUES[name].queue,
        ...('retryDelay' in QUEUES[name].queue ? { retryDelay: config.jobs.retryDelaySeconds } : {}),
      };
      await boss.createQueue(name, queue);
      // createQueue keeps an existing queue's settings: apply the configured ones.
      await boss.updateQueue(name, queue);
    }
    await boss.createQueue('supervise', { name: 'supervise', policy: 'singleton', retryLimit: 0 });
    const jobs = jobQueue(boss);
    app.decorate('jobs', jobs);
    app.decorate('boss', boss);
    const db = app.db.prisma;
    const ctxFor = (projectId: string, actor: string, jobId: string) => ({
      ...systemContext(db, jobs, projectId, actor, jobId),
      diffs: app.diffs,
    });
    // pg-boss's worker waits out its polling interval after every job, even with more queued
    // (one job per JOB_POLL_SECONDS). A worker that just ran a job is told to fetch again at
    // once: the queue drains at the speed of the jobs, and idles at the interval only when empty.
    const work = async <N extends QueueName>(
      name: N,
      handle: (data: Payload<N>, job: PgBoss.JobWithMetadata<unknown>) => Promise<unknown>,
    ) => {
      for (let i = 0; i < QUEUES[name].workers; i++) {
        // Not const: the handler can run before boss.work has answered with the worker's id.
        let id: string | undefined;
        // eslint-disable-next-line prefer-const -- see above
        id = await boss.work(
          name,
          { pollingIntervalSeconds: config.jobs.pollSeconds, batchSize: 1, includeMetadata: true },
          async ([job]) => {
            try {
              return await handle(QUEUES[name].payload.parse(job!.data) as Payload<N>, job!);
            } finally {
              if (id) boss.notifyWorker(id);
            }
          },
        );
      }
    };

    await work('file-check', async (data, job) => {
      if (data.reason === 'webhook') {
        const lastEventAt =
          (await db.trackedFile.findUnique({ where: { id: data.fileId }, select: { lastEventAt: true } }))
            ?.lastEventAt ?? null;
        const later = webhookCheckDelay(lastEventAt, job.createdOn, new Date(), config.webhookDebounceSeconds);
        // Events are still arriving: the check moves after them (a job queued meanwhile does it instead).
        if (later)
          return {
            kind: 'deferred',
            until: later,
            queued:
              (await jobs.send(null, 'file-check', data, { singletonKey: hookKey(data.fileId), startAfter: later })) !==
              null,
          };
      }
      const ctx = ctxFor(data.projectId, `system:${data.reason}`, job.id);
      const outcome = await checkFile(
        ctx,
        { config, secrets: app.secrets, figma: app.figma },
        data.fileId,
        data.reason,
      );
      const file = { id: data.fileId, projectId: data.projectId };
      const at = outcome.kind === 'postponed' ? outcome.until : outcome.kind === 'failed' ? outcome.retryAt : null;
      if (data.reason === 'schedule') {
        const interval = (
          await db.trackedFile.findUnique({ where: { id: data.fileId }, select: { pollIntervalSeconds: true } })
        )?.pollIntervalSeconds;
        const next =
          at ??
          (outcome.kind === 'stopped' || outcome.kind === 'skipped' || !interval
            ? null
            : new Date(Date.now() + interval * 1000));
        if (next) await schedulePoll(db, jobs, file, next);
      } else if (at) {
        await jobs.send(null, 'file-check', data, {
          singletonKey: data.reason === 'manual' ? manualKey(data.fileId) : hookKey(data.fileId),
          startAfter: at,
        });
      }
      return outcome;
    });

    await work('regenerate', async (data, job) => {
      const ctx = ctxFor(data.projectId, `system:${data.trigger}`, job.id);
      try {
        return await regenerateRecorded(ctx, data.componentId, data.snapshotId, data.trigger);
      } catch (err) {
        // Retried with backoff; after the last attempt a person has to know.
        if (lastAttempt(job))
          await regenerationFailed(ctx, data.componentId, data.trigger, job.retryCount + 1, err).catch((e) =>
            app.log.error({ err: e }, 'regeneration failure not notified'),
          );
        throw err;
      }
    });

    await work('token-source-check', async (data, job) =>
      checkTokenSource(ctxFor(data.projectId, 'system:token_change', job.id), config.tokenSourcesRoot, data.sourceId),
    );

    await work('webhook-delivery', async (data, job) => {
      const final = lastAttempt(job);
      const result = await sendDelivery(db, app.secrets, data.deliveryId, final, {
        allowPrivate: config.allowPrivateTargets,
      });
      // The reason stays in the server's log (never the URL: it may hold a secret); the delivery row and the job say only what the list shows.
      if (result.reason)
        app.log.warn({ deliveryId: data.deliveryId, reason: result.reason }, 'webhook delivery failed');
      // Thrown, so the queue retries with backoff; the delivery row keeps what happened.
      if (!result.delivered) throw new Error(result.error ?? 'not delivered');
      return result;
    });

    await work('preview-build', async (data) => runPreviewBuild(db, data.versionId));

    await work('daily', async () => runDaily(app.db, jobs, config.archiveAfterDays));
    await boss.schedule('daily', DAILY_CRON, {});

    await boss.work('supervise', { pollingIntervalSeconds: 30 }, async () => ({
      resumed: await resumeOverduePolls(db, jobs),
    }));
    await boss.schedule('supervise', SUPERVISE_CRON, {});
    await resumeOverduePolls(db, jobs);

    // Token-file directories: a change (after a quiet moment) enqueues one check.
    const watcher = new TokenSourceWatcher(config.tokenSourceDebounceMs, (sourceId, projectId) => {
      void jobs
        .send(null, 'token-source-check', { projectId, sourceId }, { singletonKey: sourceId })
        .catch((err) => app.log.warn({ err }, 'token source check not queued'));
    });
    app.decorate('tokenSources', watcher);
    for (const source of await db.tokenSource.findMany()) {
      try {
        watcher.watch(source, await confinedPath(config.tokenSourcesRoot, source.path));
      } catch (err) {
        app.log.warn({ source: source.id, err: (err as Error).message }, 'token source not watched');
      }
    }

    app.addHook('onClose', async () => {
      watcher.close();
      await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
    });
  },
  { name: 'jobs', fastify: '5.x', dependencies: ['database', 'secrets'] },
);
