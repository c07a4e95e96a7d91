export * from './deliveries.js';
export * from './list.js';
export * from './notify.js';
export * from './outbound-webhooks.js';
