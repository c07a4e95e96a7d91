import { createRequester } from '../messages.js';

/** Requests to the plugin's main thread. Outside Figma (served by the server) there is no parent plugin. */
export const insideFigma = typeof window !== 'undefined' && window.parent !== window;

const requester = createRequester((message) => window.parent.postMessage({ pluginMessage: message }, '*'));

window.addEventListener('message', (event: MessageEvent) => {
  const data = event.data as { pluginMessage?: unknown } | undefined;
  if (data && 'pluginMessage' in data) requester.receive(data.pluginMessage);
});

export const requestMain = requester.request;
