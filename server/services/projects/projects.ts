import type { PrismaClient } from '../../db/generated/client.js';
import { issueToken, type IssuedToken } from './api-tokens.js';
import { recordAudit } from '../../lib/audit.js';
import type { RequestContext } from '../../lib/context.js';

/** A new project and its first admin token (the creating token belongs to another project). */
export async function createProject(ctx: RequestContext, name: string) {
  return ctx.db.$transaction(async (tx) => {
    const project = await tx.project.create({ data: { name } });
    const token = await issueToken(tx, { projectId: project.id, name: 'admin', scope: 'admin', createdBy: ctx.actor });
    await recordAudit(
      tx,
      { ...ctx, projectId: project.id },
      {
        action: 'project.create',
        targetType: 'project',
        targetId: project.id,
        data: { name, createdFromProject: ctx.projectId },
      },
    );
    return { project, token };
  });
}

/**
 * On an empty database: creates the default project and its first admin token, from
 * ADMIN_TOKEN when set. Returns the secret so the process can print it once; null when the
 * database already had tokens.
 */
export async function bootstrap(db: PrismaClient, adminToken: string | undefined): Promise<IssuedToken | null> {
  return db.$transaction(async (tx) => {
    if ((await tx.apiToken.count()) > 0) return null;
    const project =
      (await tx.project.findFirst({ orderBy: { createdAt: 'asc' } })) ??
      (await tx.project.create({ data: { name: 'default' } }));
    const token = await issueToken(tx, {
      projectId: project.id,
      name: 'admin',
      scope: 'admin',
      createdBy: 'bootstrap',
      ...(adminToken ? { secret: adminToken } : {}),
    });
    await tx.auditEvent.create({
      data: {
        projectId: project.id,
        actor: 'system',
        action: 'token.bootstrap',
        targetType: 'api_token',
        targetId: token.id,
        data: { fromEnv: Boolean(adminToken) },
      },
    });
    return token;
  });
}
