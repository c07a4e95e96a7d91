export {
  startFakeFigmaRest,
  FORBIDDEN_VARIABLES_MESSAGE,
  type FakeFigmaRest,
  type FakeFigmaRestOptions,
  type FaultOptions,
  type RateLimitFault,
  type RecordedRequest,
} from './server.js';
export {
  restFileFromDesign,
  restVisibleDesign,
  snapshotEntriesFromDesign,
  parseStyleId,
  type Design,
  type RestFile,
} from './design-to-rest.js';
export { DOCUMENT_ID, PAGE_ID, FAKE_USER, type StoredFile } from './files.js';
export {
  SUBSCRIBABLE_EVENTS,
  WEBHOOKS_PER_FILE,
  DELIVERY_ATTEMPTS,
  type DeliveryAttempt,
  type DeliveryResult,
  type StoredWebhook,
  type WebhookPayload,
} from './webhooks.js';
export type {
  FakeComponentMeta,
  FakeComponentSetMeta,
  FakeLibraryComponent,
  FakeCredentials,
  FakeEndpoint,
  FakeFileInput,
  FakeNode,
  FakeStyleMeta,
} from './types.js';
export { ENDPOINTS } from './types.js';
export { restVariablesFromSeed } from './seed-to-rest.js';
export { restNodesFromSeed, type RestNodesOfSeed } from './seed-nodes-to-rest.js';
