/**
 * A local HTTP endpoint standing in for the server's webhook route: records what Figma (the
 * fake) posts and answers with the statuses a test queues (200 once the queue is empty).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface ReceivedEvent {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** the body's bytes as text, as a signature is computed over them */
  raw: string;
  /** when it arrived (ms since the epoch) */
  at: number;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedEvent[];
  /** answers the next calls with these statuses, in order */
  answerWith(...statuses: number[]): void;
  /** resolves when `count` events have arrived in all */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedEvent[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedEvent[] = [];
  const statuses: number[] = [];
  const waiters: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        body = { unparseable: Buffer.concat(chunks).toString('utf8') };
      }
      received.push({ headers: req.headers, body, raw: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('receiver: no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}/figma/webhook`,
    received,
    answerWith: (...s) => {
      statuses.push(...s);
    },
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`receiver: ${received.length} of ${count} events after ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
