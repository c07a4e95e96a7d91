// Closed lists of the wire shapes as plain constants: what code without zod (the plugin UI,
// kept small) needs of them. The zod enums in api.ts are built from these.
export const SCOPES = ['read', 'write', 'admin'] as const;
export const POLICIES = ['auto', 'notify', 'manual'] as const;
export const VERSION_STATUSES = ['draft', 'published', 'rejected', 'superseded', 'archived'] as const;
export const TRIGGERS = [
  'sync',
  'manual',
  'token_change',
  'design_change',
  'schedule',
  'webhook',
  'rollback',
  'merge',
] as const;
export const TokenTypes = [
  'color',
  'dimension',
  'number',
  'string',
  'boolean',
  'fontFamily',
  'fontWeight',
  'duration',
  'cubicBezier',
  'typography',
  'shadow',
  'border',
  'strokeStyle',
  'transition',
  'gradient',
] as const;
export const TokenSourceKinds = ['variable', 'paintStyle', 'textStyle', 'effectStyle', 'gridStyle', 'file'] as const;
/** The Figma plan a tracked file lives in and the seat of its token's user: together they set Figma's rate limits. */
export const FIGMA_PLANS = ['starter', 'professional', 'organization', 'enterprise'] as const;
export const FIGMA_SEATS = ['dev', 'full', 'collab', 'view'] as const;
/** Where a tracked file's polling stands: `design_refused` keeps asking for new versions; the others stop until the token or key changes. */
export const TRACKED_FILE_STATUSES = [
  'active',
  'design_refused',
  'credentials_broken',
  'not_found',
  'deleted',
] as const;
