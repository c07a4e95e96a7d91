export * from './api-tokens.js';
export * from './projects.js';
