// Kept only for sync/lease.ts, which another change is moving to '../propose/index.js'; then this file goes.
export { proposalFromDraft } from './propose/index.js';
