export const IssueKinds = [
  'missing-type',
  'invalid-value',
  'invalid-name',
  'unknown-mode',
  'missing-mode-value',
  'missing-collection',
  'dangling-alias',
  'alias-cycle',
  'duplicate-id',
  'duplicate-name',
  'invalid-collection',
] as const;
export type IssueKind = (typeof IssueKinds)[number];

/**
 * A problem with one token (or, with an empty tokenId, one collection). Messages name the
 * token by its path; when a token has several problems they are joined into one message and
 * `kinds` lists them all.
 */
export interface TokenIssue {
  tokenId: string;
  /** the token's slash name (the collection's name for collection issues) */
  name: string;
  message: string;
  kinds: IssueKind[];
  collectionId?: string;
}

/** Merges issues of the same token into one, in first-seen order. */
export function mergeIssues(issues: TokenIssue[]): TokenIssue[] {
  const byKey = new Map<string, TokenIssue>();
  for (const issue of issues) {
    const key = issue.tokenId === '' ? `collection\u0000${issue.collectionId ?? issue.name}` : issue.tokenId;
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, { ...issue, kinds: [...issue.kinds] });
      continue;
    }
    existing.message = `${existing.message}; ${stripSubject(issue)}`;
    for (const kind of issue.kinds) if (!existing.kinds.includes(kind)) existing.kinds.push(kind);
  }
  return [...byKey.values()];
}

/** "color/a: foo" → "foo", so a merged message names its token (or collection) once. */
function stripSubject(issue: TokenIssue): string {
  const subject = issue.tokenId === '' ? `collection "${issue.name}": ` : `${issue.name}: `;
  return issue.message.startsWith(subject) ? issue.message.slice(subject.length) : issue.message;
}
