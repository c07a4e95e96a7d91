import { createContext } from 'preact';
import type { Host } from './types.js';

/** The host, for screens deep in the tree that need it (the preview's Design column): App provides it. */
export const HostContext = createContext<Host | null>(null);
