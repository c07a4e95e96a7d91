import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressProblem, checkOutboundUrl, OutboundUrlRefused } from '../../../server/lib/outbound-url.js';
import { postOutbound } from '../../../server/lib/outbound-http.js';
import { maskUrl, redactUrl } from '../../../server/lib/url-mask.js';

const STRICT = { allowPrivate: false };
const OPEN = { allowPrivate: true };

/** Why checkOutboundUrl refused `url`, or 'accepted'. */
async function verdict(url: string, policy = STRICT): Promise<string> {
  try {
    await checkOutboundUrl(url, policy);
    return 'accepted';
  } catch (err) {
    if (err instanceof OutboundUrlRefused) return err.message;
    throw err;
  }
}

// The rule for every URL the server connects to on someone's behalf (DESIGN.md "Security rules").
describe('outbound URL rule', () => {
  it('refuses loopback, private, link-local, CGNAT, multicast, broadcast and unspecified addresses in every spelling', async () => {
    const refused: Array<[string, RegExp]> = [
      ['https://127.0.0.1/x', /loopback/],
      ['https://127.1/x', /loopback/],
      ['https://2130706433/x', /loopback/],
      ['https://0x7f.0.0.1/x', /loopback/],
      ['https://0177.0.0.1/x', /loopback/],
      ['https://[::1]/x', /loopback/],
      ['https://[::ffff:127.0.0.1]/x', /loopback/],
      ['https://[::ffff:7f00:1]/x', /loopback/],
      ['https://[::127.0.0.1]/x', /IPv4-compatible/],
      ['https://169.254.169.254/latest/meta-data/', /link-local/],
      ['https://[::ffff:169.254.169.254]/', /link-local/],
      ['https://[fe80::1]/', /link-local/],
      ['https://0.0.0.0/', /unspecified/],
      ['https://[::]/', /unspecified/],
      ['https://10.1.2.3/', /private/],
      ['https://172.16.0.1/', /private/],
      ['https://192.168.1.1/', /private/],
      ['https://100.64.0.1/', /carrier-grade NAT/],
      ['https://[fc00::1]/', /unique-local/],
      ['https://[fd12:3456::1]/', /unique-local/],
      ['https://224.0.0.1/', /multicast/],
      ['https://[ff02::1]/', /multicast/],
      ['https://255.255.255.255/', /broadcast/],
      ['https://240.0.0.1/', /reserved/],
      ['https://[64:ff9b::7f00:1]/', /not a public/],
      ['https://[2002:7f00:1::]/', /not a public/],
      // A name is resolved: localhost is loopback whatever it is called.
      ['https://localhost/', /localhost resolves to a loopback address/],
      ['https://LOCALHOST:8443/', /resolves to a loopback address/],
    ];
    for (const [url, reason] of refused) expect.soft(await verdict(url), url).toMatch(reason);
  });

  it('refuses http:, other schemes and names that do not resolve; accepts https to public addresses', async () => {
    expect(await verdict('http://93.184.215.14/hook')).toMatch(/https/);
    expect(await verdict('ftp://93.184.215.14/hook')).toMatch(/https/);
    expect(await verdict('not a url')).toMatch(/not a valid URL/);
    expect(await verdict('https://no-such-host.invalid/hook')).toMatch(/no-such-host\.invalid could not be resolved/);
    expect(await verdict('https://93.184.215.14/hook')).toBe('accepted');
    expect(await verdict('https://[2606:4700:4700::1111]/hook')).toBe('accepted');
    expect(await verdict('https://user:pass@8.8.8.8:8443/hook?x=1')).toBe('accepted');
  });

  it('ALLOW_PRIVATE_TARGETS lifts both the https and the address rule', async () => {
    expect(await verdict('http://127.0.0.1:9/x', OPEN)).toBe('accepted');
    expect(await verdict('http://localhost:9/x', OPEN)).toBe('accepted');
    expect(await verdict('ftp://127.0.0.1/x', OPEN)).toMatch(/http/);
  });

  it('classifies IPv4-mapped IPv6 addresses by the IPv4 address inside', () => {
    expect(addressProblem('::ffff:10.0.0.1')).toMatch(/private/);
    expect(addressProblem('::ffff:8.8.8.8')).toBeNull();
    expect(addressProblem('8.8.8.8')).toBeNull();
    expect(addressProblem('2606:4700:4700::1111')).toBeNull();
  });
});

describe('outbound connections are pinned to a checked address', () => {
  let server: Server;
  let port: number;
  let connections = 0;
  beforeAll(async () => {
    server = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a name that resolves to a loopback address is refused when connecting, before any byte is sent', async () => {
    // postOutbound does not ask DNS beforehand: the lookup made for the connection is the check,
    // so an answer that changed since the URL was saved (DNS rebinding) is refused all the same.
    await expect(
      postOutbound(`https://localhost:${port}/hook`, { headers: {}, body: '{}', timeoutMs: 2000 }, STRICT),
    ).rejects.toThrow(/loopback/);
    await expect(
      postOutbound(`https://127.0.0.1:${port}/hook`, { headers: {}, body: '{}', timeoutMs: 2000 }, STRICT),
    ).rejects.toThrow(/loopback/);
    await expect(
      postOutbound(`http://93.184.215.14:${port}/hook`, { headers: {}, body: '{}', timeoutMs: 2000 }, STRICT),
    ).rejects.toThrow(/https/);
    expect(connections).toBe(0);
    // The same call with the rule lifted does connect (the server hangs up at once).
    await expect(
      postOutbound(`http://localhost:${port}/hook`, { headers: {}, body: '{}', timeoutMs: 2000 }, OPEN),
    ).rejects.toThrow();
    expect(connections).toBe(1);
  });
});

describe('masking URLs that carry secrets', () => {
  it('admins see the host, path words and two characters of other segments; the last segment, the query and credentials never', () => {
    expect(maskUrl('https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX')).toBe(
      'https://hooks.slack.com/services/T0…/B0…/***',
    );
    expect(maskUrl('https://user:pass@example.com/hook')).toBe('https://***:***@example.com/***');
    expect(maskUrl('https://token@example.com:8443/a/b/?sig=abc#frag')).toBe('https://***@example.com:8443/a/***/?***');
    expect(maskUrl('https://discord.com/api/webhooks/123456789/abcdefSECRET')).toBe(
      'https://discord.com/api/webhooks/12…/***',
    );
    expect(maskUrl('https://example.com/')).toBe('https://example.com/');
    expect(maskUrl('https://example.com')).toBe('https://example.com/');
  });

  it('everyone else sees the scheme and host only', () => {
    expect(redactUrl('https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX')).toBe(
      'https://hooks.slack.com/***',
    );
    expect(redactUrl('https://user:pass@example.com:8443/hook?x=1')).toBe('https://example.com:8443/***');
    expect(redactUrl('https://example.com')).toBe('https://example.com/***');
  });
});
