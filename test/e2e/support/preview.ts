// What the preview tests look at in a Before or After column (plugin/ui/preview).
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

export const PREVIEW_FRAME = 'iframe[sandbox="allow-scripts"]';

/**
 * A preview column shows its variant whole: inside the column's frame the shown variant's
 * element has a size, lies within the frame's box as the column shows it (scaled), and its
 * text is there. A frame sized for something else (the caption pushing the variant out of a
 * frame of the design's size, a variant without a tree in a 1 px frame) shows a blank column.
 */
export async function showsVariant(region: Locator, text: string, variantId?: string): Promise<void> {
  const outer = region.locator(PREVIEW_FRAME);
  const variant = region
    .frameLocator(PREVIEW_FRAME)
    // The component's own element, not the wrapper around it (which has a line's height even when empty).
    .locator(variantId ? `[data-variant="${variantId}"]:visible > *` : '[data-variant]:visible > *')
    .first();
  await variant.waitFor({ timeout: 30_000 });
  await expect.poll(() => variant.innerText()).toContain(text);
  await expect
    .poll(async () => {
      const [box, shown] = [await variant.boundingBox(), await outer.boundingBox()];
      if (!box || !shown || box.width < 1 || box.height < 1) return 'no size';
      const inside =
        box.x >= shown.x - 0.5 &&
        box.y >= shown.y - 0.5 &&
        box.x + box.width <= shown.x + shown.width + 0.5 &&
        box.y + box.height <= shown.y + shown.height + 0.5;
      return inside ? 'whole' : `cut: ${JSON.stringify(box)} in ${JSON.stringify(shown)}`;
    })
    .toBe('whole');
}
