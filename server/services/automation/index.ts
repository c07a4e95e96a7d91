export * from './check-file.js';
export * from './daily.js';
export * from './figma-webhooks.js';
export * from './refusal-audits.js';
export * from './regeneration-job.js';
export * from './token-source-check.js';
export * from './token-source-registry.js';
export * from './tracked-files.js';
