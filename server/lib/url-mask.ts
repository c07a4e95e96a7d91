// URLs that can carry secrets (a Slack hook's path, user:pass@, a signed query) as they are
// shown after they were saved (DESIGN.md "Security rules"): the whole URL only once, to the
// admin who creates it; masked to admin tokens (maskUrl); scheme and host only to everyone
// and everything else: read and write tokens, the audit log, log lines (redactUrl).

// A path segment shown whole to admins: a plain word such as "services", "api", "hooks".
const PATH_WORD = /^[a-z]{1,20}(?:-[a-z]{1,20})*$/;

/**
 * `https://hooks.slack.com/services/T0…/B0…/***`, `https://***:***@example.com/***`: the host,
 * path words and the first two characters of other segments; never the last segment, the
 * query, the fragment or credentials.
 */
export function maskUrl(text: string): string {
  const url = parse(text);
  if (!url) return '***';
  const credentials = url.username || url.password ? `***${url.password ? ':***' : ''}@` : '';
  const segments = url.pathname.split('/').slice(1);
  let last = -1;
  segments.forEach((s, i) => {
    if (s) last = i;
  });
  const path = segments
    .map((s, i) => (i === last ? '***' : !s || PATH_WORD.test(s) ? s : `${s.slice(0, 2)}…`))
    .join('/');
  return `${url.protocol}//${credentials}${url.host}/${path}${url.search ? '?***' : ''}`;
}

/** `https://hooks.slack.com/***`: scheme and host (and port), nothing that could be a secret. */
export function redactUrl(text: string): string {
  const url = parse(text);
  return url ? `${url.protocol}//${url.host}/***` : '***';
}

function parse(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
