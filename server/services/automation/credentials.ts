// A tracked file's Figma credentials, as every caller of Figma's API for it needs them.
import type { FigmaCredentials } from '../../figma/client.js';
import type { SecretBox } from '../../lib/secrets.js';

export type FileCredentials =
  | { ok: true; credentials: FigmaCredentials }
  | { ok: false; code: 'no_figma_token' | 'figma_token_unreadable'; reason: string };

/** The file's token, decrypted, or why there is none to use (never the token in the reason). */
export function fileCredentials(
  file: { figmaTokenEnc: string | null; figmaTokenKind: string },
  secrets: SecretBox,
): FileCredentials {
  if (!file.figmaTokenEnc)
    return {
      ok: false,
      code: 'no_figma_token',
      reason: 'No Figma token is stored for this file: POST it again with figmaToken',
    };
  try {
    return {
      ok: true,
      credentials: {
        kind: file.figmaTokenKind === 'oauth' ? 'oauth' : 'pat',
        token: secrets.decrypt(file.figmaTokenEnc),
      },
    };
  } catch {
    // Sealed under another SECRET_KEY (a key changed, or instances that do not share it).
    return {
      ok: false,
      code: 'figma_token_unreadable',
      reason:
        "The stored Figma token cannot be decrypted with this server's SECRET_KEY: POST the file again with figmaToken",
    };
  }
}
