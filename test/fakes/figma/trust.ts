/**
 * Seeds from the fake's own generators (largeDesignSystem) are built valid and deeply frozen;
 * createFakeFigma skips re-checking and re-freezing them, which on a 5,000-variable file costs
 * more than building the fake. A test runs validateSeed on the generator's output instead.
 */
const trusted = new WeakSet<object>();

export function markTrusted<T extends object>(seed: T): T {
  trusted.add(seed);
  return seed;
}

export const isTrusted = (seed: object): boolean => trusted.has(seed);
