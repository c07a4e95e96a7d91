/**
 * Figma stores geometry as float32: 111.33 comes back as 111.33000183105469 from one API and
 * may differ in the last bits after a subtraction. Pixels are kept to 1/100 px (as the CSS
 * writer prints them, core/codegen/css-values.ts), finer than any screen shows, so both readers
 * land on the same number.
 */
export const roundPx = (n: number): number => {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? 0 : r;
};

/** Unit-square positions (gradient handles) and other fractions: 1/10,000. */
export const roundUnit = (n: number): number => {
  const r = Math.round(n * 10_000) / 10_000;
  return Object.is(r, -0) ? 0 : r;
};

export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
