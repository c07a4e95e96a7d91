// Step 3, generate: the files of every changed component, outside any transaction.
import { generate, type Generated } from '../generation/index.js';
import type { PhaseTimer } from '../phases.js';
import type { Changed, Detected, Failed, UpToDate } from './detect.js';
import { describeError } from './result.js';
import { TimeSlicer } from '../event-loop.js';

/** A changed component with its freshly generated files (none when nothing is to generate). */
export interface Prepared extends Changed {
  generated: Generated | undefined;
}

export type Generation = UpToDate | Prepared | Failed;

/**
 * Generation is pure and per component: one that cannot be generated fails alone. A few
 * milliseconds a component add up to seconds for a design system, so the loop lets other
 * requests in every 10 ms.
 */
export async function generateComponents(detected: Detected[], timer: PhaseTimer): Promise<Generation[]> {
  const slicer = new TimeSlicer();
  const out: Generation[] = [];
  for (const d of detected) {
    await slicer.tick();
    out.push(generateOne(d, timer));
  }
  return out;
}

function generateOne(d: Detected, timer: PhaseTimer): Generation {
  if (d.kind !== 'changed') return d;
  if (!d.needsGeneration) return { ...d, generated: undefined };
  try {
    return { ...d, generated: timer.measure('generate', () => generate(d.detection.inputs)) };
  } catch (err) {
    return { kind: 'failed', spec: d.spec, message: describeError(err, d.spec.name) };
  }
}
