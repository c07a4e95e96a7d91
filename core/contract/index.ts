export * from './tokens.js';
export * from './specs.js';
export * from './changes.js';
export * from './sync.js';
export * from './api.js';
export * from './limits.js';
export * from './file-path.js';
export * from './diff.js';
