export * from './activity.js';
export * from './coverage.js';
export * from './drift.js';
export * from './jobs-list.js';
