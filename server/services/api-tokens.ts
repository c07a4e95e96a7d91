import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../db/generated/client.js';
import type { Tx } from '../db/database.js';
import type { Scope } from '../../core/contract/api.js';

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
  return { id: row.id, projectId: row.projectId, name: row.name, scope: row.scope as Scope, prefix: row.prefix, createdAt: row.createdAt, token: secret };
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
