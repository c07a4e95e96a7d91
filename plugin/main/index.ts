import { dispatch, isPluginMessage } from '../messages.js';
import { handlers } from './handlers.js';

figma.showUI(__html__, { width: 480, height: 640, themeColors: true, title: 'design-sync' });

figma.ui.onmessage = async (message: unknown) => {
  if (!isPluginMessage(message) || message.kind !== 'request') return;
  figma.ui.postMessage(await dispatch(handlers, message));
};
