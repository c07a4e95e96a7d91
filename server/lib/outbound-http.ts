// One POST to a URL under the outbound rule (outbound-url.ts): the scheme and an address
// literal are checked first, a name at connect time by guardedLookup, so the connection goes
// to an address that was checked. Redirects are never followed (node:http does not), the
// answer's body is never read, and credentials in the URL (user:pass@) go as Basic auth.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  addressProblem,
  guardedLookup,
  literalAddress,
  OutboundUrlRefused,
  parseOutboundUrl,
  type OutboundPolicy,
} from './outbound-url.js';

export interface OutboundRequest {
  headers: Record<string, string>;
  body: string;
  /** the whole exchange, connecting included, until the answer's status line */
  timeoutMs: number;
}

/** Resolves with the answer's status; rejects when the rule refuses the URL or the exchange fails. */
export async function postOutbound(
  text: string,
  request: OutboundRequest,
  policy: OutboundPolicy,
): Promise<{ status: number }> {
  const url = parseOutboundUrl(text, policy);
  const literal = literalAddress(url);
  const problem = !policy.allowPrivate && literal ? addressProblem(literal) : null;
  if (problem) throw new OutboundUrlRefused(`${literal} is ${problem}, which the server never connects to`);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
        // A fresh connection each time: a pooled one would skip the lookup that checks the address.
        agent: false,
        signal: AbortSignal.timeout(request.timeoutMs),
        ...(policy.allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (res) => {
        resolve({ status: res.statusCode ?? 0 });
        // Only the status counts; whatever the receiver sends after it is not waited for.
        res.destroy();
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}
