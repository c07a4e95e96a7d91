// A connection that works: the server answered /me with this token.
import { ApiClient } from './api/client.js';
import type { MeOut } from '../../core/contract/responses.js';
import type { Settings } from '../messages.js';

export interface Session {
  settings: Settings;
  me: MeOut;
  api: ApiClient;
}

/** Tests the connection (GET /api/v1/me): the session, or the ApiError saying what is wrong. */
export async function connect(settings: Settings): Promise<Session> {
  const api = new ApiClient(settings);
  const me = await api.me();
  return { settings, me, api };
}

export const canWrite = (session: Session): boolean => session.me.token.scope !== 'read';
