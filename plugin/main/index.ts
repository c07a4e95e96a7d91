import { dispatch, isPluginMessage } from '../messages.js';
import { handlers } from './handlers.js';

figma.showUI(__html__, { width: 480, height: 640, themeColors: true, title: 'design-sync' });

figma.ui.onmessage = (message: unknown) => {
  if (!isPluginMessage(message) || message.kind !== 'request') return;
  // dispatch answers every request, a failing handler included (as an error response).
  void dispatch(handlers, message).then((reply) => figma.ui.postMessage(reply));
};
