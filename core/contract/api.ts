import { z } from 'zod';
import { FilePath } from './file-path.js';
import { LIMITS } from './limits.js';
import { FIGMA_PLANS, FIGMA_SEATS, POLICIES, SCOPES, TRIGGERS, VERSION_STATUSES } from './enums.js';

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Scope = z.enum(SCOPES);
export type Scope = z.infer<typeof Scope>;

export const Policy = z.enum(POLICIES);
export type Policy = z.infer<typeof Policy>;

export const VersionStatus = z.enum(VERSION_STATUSES);
export type VersionStatus = z.infer<typeof VersionStatus>;

export const Trigger = z.enum(TRIGGERS);
export type Trigger = z.infer<typeof Trigger>;

export const VersionSummary = z.object({
  id: z.string(),
  componentId: z.string(),
  version: z.string(),
  status: VersionStatus,
  tags: z.array(z.string()),
  trigger: Trigger,
  createdBy: z.string(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  branch: z.string(),
  summary: z.array(z.string()),
  /** the layout fidelity last recorded for it (POST /versions/:id/fidelity); absent until one is */
  fidelity: z.object({ matched: z.number().int(), total: z.number().int() }).optional(),
});
export type VersionSummary = z.infer<typeof VersionSummary>;

export const TrackedFileInput = z.object({
  fileKey: z
    .string()
    .min(1)
    .max(LIMITS.fileKey)
    .regex(/^[A-Za-z0-9_-]+$/, 'fileKey must be a Figma file key (letters, digits, _ and -)'),
  name: z.string().max(200).optional(),
  pollIntervalSeconds: z
    .number()
    .int()
    .min(10)
    .max(7 * 24 * 3600)
    .optional(),
  policy: Policy.optional(),
  // Sent as an HTTP header: a newline, a space or non-ASCII could never reach Figma (or would split the header).
  figmaToken: z
    .string()
    .min(1)
    .max(500)
    .regex(/^[\x21-\x7e]+$/, 'figmaToken must be printable ASCII without spaces (it is sent in an HTTP header)')
    .optional(),
  /** a personal access token (X-Figma-Token, the default) or an OAuth token (Authorization: Bearer) */
  figmaTokenKind: z.enum(['pat', 'oauth']).optional(),
  // Figma refuses a webhook passcode longer than 100 characters: refused here, not at registration.
  webhookPasscode: z.string().min(8).max(100).optional(),
  /** the plan the file lives in and the seat of the token's user, which set Figma's limits (default: a Dev seat on Professional) */
  figmaPlan: z.enum(FIGMA_PLANS).optional(),
  figmaSeat: z.enum(FIGMA_SEATS).optional(),
});
export type TrackedFileInput = z.infer<typeof TrackedFileInput>;
export type FigmaPlan = (typeof FIGMA_PLANS)[number];
export type FigmaSeat = (typeof FIGMA_SEATS)[number];

export const GeneratedFile = z.object({ path: FilePath, content: z.string() });
export type GeneratedFile = z.infer<typeof GeneratedFile>;
