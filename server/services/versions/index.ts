// The version store: drafts, publishing, history, tags and hashes of a component's versions.
export * from './branch-head.js';
export * from './download.js';
export * from './drafts.js';
export * from './files.js';
export * from './find.js';
export * from './history.js';
export * from './publish.js';
export * from './tags.js';
export * from './numbers.js';
export * from './branches.js';
export * from './compare.js';
export * from './components.js';
export * from './customizations.js';
export * from './dependencies.js';
