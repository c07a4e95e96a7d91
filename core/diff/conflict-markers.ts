/**
 * Whether a text still holds conflict markers as core/diff's merge writes them (and git does):
 * a line that is `<<<<<<<` or `>>>>>>>`, alone or followed by a space and a label. A file with
 * either line left is unresolved, even when the other half was already deleted by hand.
 * `=======` alone is not a marker here: Markdown uses it to underline headings.
 */
const MARKER_LINE = /^(?:<{7}|>{7})(?: |\r?$)/m;

export function hasConflictMarkers(content: string): boolean {
  return MARKER_LINE.test(content);
}
