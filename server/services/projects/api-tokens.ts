import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import type { Scope } from '../../../core/contract/api.js';
import { conflict, notFound } from '../../lib/errors.js';
import { recordAudit } from '../../lib/audit.js';
import type { RequestContext } from '../../lib/context.js';

const SCOPE_RANK: Record<Scope, number> = { read: 1, write: 2, admin: 3 };

export function scopeAllows(held: Scope, needed: Scope): boolean {
  return SCOPE_RANK[held] >= SCOPE_RANK[needed];
}

export function generateTokenSecret(): string {
  return `ds_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export interface IssuedToken {
  id: string;
  projectId: string;
  name: string;
  scope: Scope;
  prefix: string;
  createdAt: Date;
  /** The secret: returned once, never stored. */
  token: string;
}

export async function issueToken(
  tx: Tx | PrismaClient,
  input: { projectId: string; name: string; scope: Scope; createdBy?: string | null; secret?: string },
): Promise<IssuedToken> {
  const secret = input.secret ?? generateTokenSecret();
  const row = await tx.apiToken.create({
    data: {
      projectId: input.projectId,
      name: input.name,
      scope: input.scope,
      tokenHash: hashToken(secret),
      prefix: secret.slice(0, 10),
      createdBy: input.createdBy ?? null,
    },
  });
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    scope: row.scope as Scope,
    prefix: row.prefix,
    createdAt: row.createdAt,
    token: secret,
  };
}

export interface Principal {
  tokenId: string;
  projectId: string;
  scope: Scope;
  actor: string;
}

/** Looks a bearer secret up by its hash. Unknown and revoked tokens are both just "invalid". */
export async function authenticate(db: PrismaClient, secret: string): Promise<Principal | null> {
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(secret) } });
  if (!row || row.revokedAt) return null;
  return { tokenId: row.id, projectId: row.projectId, scope: row.scope as Scope, actor: `token:${row.name}` };
}

/** A token as listed: never its secret or hash. */
export interface TokenInfo {
  id: string;
  projectId: string;
  name: string;
  scope: Scope;
  prefix: string;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const INFO = {
  id: true,
  projectId: true,
  name: true,
  scope: true,
  prefix: true,
  createdBy: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

function info(row: Omit<TokenInfo, 'scope'> & { scope: string }): TokenInfo {
  return { ...row, scope: row.scope as Scope };
}

/** Issues a token for the caller's project, audited in the same transaction. */
export async function issueProjectToken(
  ctx: RequestContext,
  input: { name: string; scope: Scope },
): Promise<IssuedToken> {
  return ctx.db.$transaction(async (tx) => {
    const t = await issueToken(tx, {
      projectId: ctx.projectId,
      name: input.name,
      scope: input.scope,
      createdBy: ctx.actor,
    });
    await recordAudit(tx, ctx, {
      action: 'token.issue',
      targetType: 'api_token',
      targetId: t.id,
      data: { name: t.name, scope: t.scope },
    });
    return t;
  });
}

/** The project's tokens, oldest first, revoked ones included (with revokedAt). */
export async function listTokens(ctx: RequestContext): Promise<TokenInfo[]> {
  const rows = await ctx.db.apiToken.findMany({
    where: { projectId: ctx.projectId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: INFO,
  });
  return rows.map(info);
}

/**
 * Revokes a token of the caller's project; it gets 401 from then on. Revoking a revoked token
 * changes nothing. The project's last active admin token cannot be revoked: nobody could
 * issue tokens any more.
 */
export async function revokeToken(ctx: RequestContext, tokenId: string): Promise<TokenInfo> {
  return ctx.db.$transaction(async (tx) => {
    // Serializes revocations in one project, so two concurrent ones cannot both pass the last-admin check.
    await tx.$queryRaw`SELECT id FROM projects WHERE id = ${ctx.projectId}::uuid FOR UPDATE`;
    const row = await tx.apiToken.findFirst({ where: { id: tokenId, projectId: ctx.projectId }, select: INFO });
    if (!row) throw notFound('API token', tokenId);
    if (row.revokedAt) return info(row);
    if (row.scope === 'admin') {
      const others = await tx.apiToken.count({
        where: { projectId: ctx.projectId, scope: 'admin', revokedAt: null, id: { not: tokenId } },
      });
      if (others === 0)
        throw conflict(
          'last_admin_token',
          `Token ${row.name} is the project's last admin token; issue another admin token before revoking it`,
        );
    }
    const revoked = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() }, select: INFO });
    await recordAudit(tx, ctx, {
      action: 'token.revoke',
      targetType: 'api_token',
      targetId: tokenId,
      data: { name: row.name, scope: row.scope },
    });
    return info(revoked);
  });
}

/** The calling token and its project (what the plugin's "Test connection" shows). */
export async function whoAmI(ctx: RequestContext, tokenId: string) {
  const token = await ctx.db.apiToken.findUniqueOrThrow({
    where: { id: tokenId },
    select: { id: true, name: true, scope: true, prefix: true },
  });
  const project = await ctx.db.project.findUniqueOrThrow({
    where: { id: ctx.projectId },
    select: { id: true, name: true },
  });
  return { project, token: { ...token, scope: token.scope as Scope } };
}
