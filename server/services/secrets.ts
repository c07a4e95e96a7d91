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

/** SECRET_KEY when configured; otherwise a key generated once beside the data directory. */
export async function loadSecretKey(configured: Uint8Array | undefined, dataDir: string): Promise<Uint8Array> {
  if (configured) return configured;
  if (dataDir.startsWith('memory://')) return randomBytes(32);
  const file = join(dirname(dataDir), 'secret.key');
  try {
    const hex = (await readFile(file, 'utf8')).trim();
    return Uint8Array.from(Buffer.from(hex, 'hex'));
  } catch {
    const key = randomBytes(32);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, key.toString('hex'), { mode: 0o600 });
    return key;
  }
}
