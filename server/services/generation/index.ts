// Generation: inputs of a version, change assessment, customization merges and file stats.
export * from './inputs.js';
export * from './assessment.js';
export * from './base-tokens.js';
export * from './customization-merge.js';
export * from './stats.js';
export * from './version-tokens.js';
export * from './token-input.js';
export * from './project-context.js';
