import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Secrets at rest. Figma tokens must be sent back to Figma, so they are encrypted
 * (AES-256-GCM); webhook passcodes only need comparing, so they are hashed.
 */
export interface SecretBox {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

export function secretBox(key: Uint8Array): SecretBox {
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`;
    },
    decrypt(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unreadable sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

export function hashSecret(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Constant-time check of a presented secret against a stored sha256. */
export function secretMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * SECRET_KEY when configured; otherwise a key generated once and kept in `<DATA_DIR>/secret.key`
 * (in memory for memory://, where the database is in memory too). Earlier versions kept the key
 * beside DATA_DIR; such a key is copied into it (the old file is left for a downgrade), so
 * tokens it encrypted stay readable.
 */
export async function loadSecretKey(configured: Uint8Array | undefined, dataDir: string): Promise<Uint8Array> {
  if (configured) return configured;
  if (dataDir.startsWith('memory://')) return randomBytes(32);
  const file = join(dataDir, 'secret.key');
  const stored = (await readKey(file)) ?? (await adoptLegacyKey(join(dirname(dataDir), 'secret.key'), file));
  if (stored) return stored;
  const key = randomBytes(32);
  await mkdir(dataDir, { recursive: true });
  // "wx": when two processes start at once, exactly one key is written and both read it.
  try {
    await writeFile(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return (await readKey(file))!;
  }
}

async function readKey(file: string): Promise<Uint8Array | null> {
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new Error(`${file} does not hold a 32-byte key as 64 hex characters`);
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

async function adoptLegacyKey(legacy: string, file: string): Promise<Uint8Array | null> {
  const key = await readKey(legacy);
  if (!key) return null;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, Buffer.from(key).toString('hex'), { mode: 0o600, flag: 'wx' }).catch(
    (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    },
  );
  return (await readKey(file))!;
}
