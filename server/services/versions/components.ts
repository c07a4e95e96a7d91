import type { Prisma } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import type { Policy } from '../../../core/contract/api.js';
import { notFound, conflict } from '../../lib/errors.js';
import { recordAudit } from '../../lib/audit.js';
import type { RequestContext } from '../../lib/context.js';
import { randomUUID } from 'node:crypto';

export interface ComponentInput {
  name: string;
  figmaId?: string | undefined;
  figmaKey?: string | undefined;
  fileKey?: string | undefined;
  description?: string | undefined;
  pattern?: string | undefined;
  policy?: Policy | undefined;
}

const withCurrent = { currentVersion: true } satisfies Prisma.ComponentInclude;

/** A component of the caller's project, or 404 (ids of other projects are simply not found). */
export async function findComponent(db: Tx | RequestContext['db'], projectId: string, componentId: string) {
  const component = await db.component.findFirst({ where: { id: componentId, projectId }, include: withCurrent });
  if (!component) throw notFound('component', componentId);
  return component;
}

export async function createComponent(ctx: RequestContext, input: ComponentInput) {
  return ctx.db.$transaction(async (tx) => {
    const figmaId = input.figmaId ?? `manual:${randomUUID()}`;
    const clash = await tx.component.findUnique({
      where: { projectId_figmaId: { projectId: ctx.projectId, figmaId } },
    });
    if (clash)
      throw conflict('component_exists', `A component with Figma id ${figmaId} already exists (${clash.id})`, {
        componentId: clash.id,
      });
    const component = await tx.component.create({
      data: {
        projectId: ctx.projectId,
        figmaId,
        figmaKey: input.figmaKey ?? null,
        fileKey: input.fileKey ?? null,
        name: input.name,
        description: input.description ?? null,
        pattern: input.pattern ?? null,
        policy: input.policy ?? 'notify',
      },
      include: withCurrent,
    });
    await recordAudit(tx, ctx, {
      action: 'component.create',
      targetType: 'component',
      targetId: component.id,
      data: { name: input.name, figmaId },
    });
    return component;
  });
}

export async function listComponents(
  ctx: RequestContext,
  query: { limit: number; cursor?: string | undefined; q?: string | undefined },
) {
  const rows = await ctx.db.component.findMany({
    where: { projectId: ctx.projectId, ...(query.q ? { name: { contains: query.q, mode: 'insensitive' } } : {}) },
    // A listing names components: their recorded designs and current versions' inputs are most
    // of a row's bytes (megabytes for a thousand components with layer trees) and stay behind.
    omit: { latestSpec: true },
    include: { currentVersion: { omit: { spec: true, tokens: true, changes: true } } },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: query.limit + 1,
    // The cursor row must be this project's: another project's id positions nothing (empty page).
    ...(query.cursor ? { cursor: { id: query.cursor, projectId: ctx.projectId }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  return { items: page, nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
}

export async function updateComponent(
  ctx: RequestContext,
  componentId: string,
  patch: {
    name?: string | undefined;
    description?: string | null | undefined;
    pattern?: string | null | undefined;
    policy?: Policy | undefined;
  },
) {
  return ctx.db.$transaction(async (tx) => {
    const before = await findComponent(tx, ctx.projectId, componentId);
    const data: Prisma.ComponentUpdateInput = {};
    if (patch.name !== undefined) data.name = patch.name;
    if (patch.description !== undefined) data.description = patch.description;
    if (patch.pattern !== undefined) data.pattern = patch.pattern;
    if (patch.policy !== undefined) data.policy = patch.policy;
    const component = await tx.component.update({ where: { id: componentId }, data, include: withCurrent });
    await recordAudit(tx, ctx, {
      action: 'component.update',
      targetType: 'component',
      targetId: componentId,
      data: {
        before: { name: before.name, pattern: before.pattern, policy: before.policy, description: before.description },
        after: patch as Prisma.InputJsonValue,
      },
    });
    return component;
  });
}
