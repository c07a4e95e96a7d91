/**
 * Faults a test arms per file (and optionally per endpoint): the next N matching calls get
 * them instead of the real answer, in the order they were armed.
 */
import type { FakeEndpoint } from './types.js';

export type FaultAction =
  | { type: 'answer'; status: number; body: string; contentType: string; headers: Record<string, string> }
  | { type: 'hang' };

interface Fault {
  fileKey: string;
  endpoint?: FakeEndpoint;
  remaining: number;
  action: FaultAction;
}

export class Faults {
  private readonly armed: Fault[] = [];

  add(fileKey: string, action: FaultAction, times: number, endpoint?: FakeEndpoint): void {
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`a fault needs times ≥ 1, got ${times}`);
    this.armed.push({ fileKey, endpoint, remaining: times, action });
  }

  take(fileKey: string, endpoint: FakeEndpoint): FaultAction | undefined {
    const fault = this.armed.find(
      (f) => f.fileKey === fileKey && f.remaining > 0 && (f.endpoint === undefined || f.endpoint === endpoint),
    );
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining === 0) this.armed.splice(this.armed.indexOf(fault), 1);
    return fault.action;
  }

  clear(fileKey?: string): void {
    for (let i = this.armed.length - 1; i >= 0; i--)
      if (fileKey === undefined || this.armed[i]!.fileKey === fileKey) this.armed.splice(i, 1);
  }

  pending(fileKey?: string): number {
    return this.armed
      .filter((f) => fileKey === undefined || f.fileKey === fileKey)
      .reduce((n, f) => n + f.remaining, 0);
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  429: 'Rate limit exceeded',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

export function jsonFault(status: number, body?: unknown, headers: Record<string, string> = {}): FaultAction {
  const payload = body ?? { status, err: REASONS[status] ?? `HTTP ${status}` };
  return {
    type: 'answer',
    status,
    body: JSON.stringify(payload),
    contentType: 'application/json; charset=utf-8',
    headers,
  };
}
