/** Gives Figma's main thread back for a moment: a large file stays responsive while it is read. */
export function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Calls `pause` once `sliceMs` have passed since the last one. */
export function slicer(sliceMs = 30): () => Promise<void> {
  let last = Date.now();
  return async () => {
    if (Date.now() - last < sliceMs) return;
    await pause();
    last = Date.now();
  };
}
