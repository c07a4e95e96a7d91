import { expect } from 'vitest';
import type { FrameLocator, Page } from 'playwright-core';

/**
 * Chooses a component in History's Component list. The list loads after the tab opens, so this
 * waits until the component is in it: reading the options too early finds none and chooses nothing.
 */
export async function chooseComponent(root: Page | FrameLocator, name: string): Promise<void> {
  const list = root.getByRole('combobox', { name: 'Component' });
  const label = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\(|$)`);
  let option: string | undefined;
  await expect
    .poll(async () => (option = (await list.locator('option').allTextContents()).find((l) => label.test(l))), {
      timeout: 30_000,
    })
    .toBeDefined();
  await list.selectOption({ label: option! });
}
