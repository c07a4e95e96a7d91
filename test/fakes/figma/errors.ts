/**
 * Errors worded as Figma words them. Figma prefixes every Plugin API error with the member that
 * raised it ("in getStyleById: …", "in get_mainComponent: …" for property reads); the texts
 * below are those seen from Figma's plugin runtime, so a plugin's error handling and messages
 * are tested against what users will see.
 */

export const figmaError = (member: string, message: string): Error => new Error(`in ${member}: ${message}`);

/** A synchronous getter that `"documentAccess": "dynamic-page"` forbids. */
export const dynamicPageError = (member: string, replacement: string): Error =>
  figmaError(member, `Cannot call with documentAccess: dynamic-page. Use ${replacement} instead.`);

/** A document-wide search before `figma.loadAllPagesAsync()` resolved. */
export const loadAllPagesFirstError = (member: string): Error =>
  figmaError(member, 'Cannot call with documentAccess: dynamic-page without calling figma.loadAllPagesAsync() first.');

/** `access` is "property `children`" or "method `findAll()`" (Figma's own wording, quote slip included). */
export const unloadedPageError = (member: string, access: string): Error =>
  figmaError(
    member,
    `Cannot access ${access} on a page that has not been explicitly loaded. Remember to call \`await page.loadAsync()\` or \`await figma.loadAllPagesAsync()' first.`,
  );

/** Figma's argument validation message. */
export function expectedType(member: string, property: string, type: string, value: unknown): Error {
  const shown =
    typeof value === 'string' ? value : typeof value === 'object' && value !== null ? '[object Object]' : String(value);
  return figmaError(
    member,
    `Expected "${property}" to have type ${type} but got ${shown} (type: ${typeof value}) instead`,
  );
}

export function requireString(member: string, property: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw expectedType(member, property, 'string', value);
}

export const notImplemented = (member: string): Error => new Error(`fake figma: ${member} is not implemented`);
