// Step 3, generate: the files of every changed component, outside any transaction.
import { generate, type Generated } from '../generation/index.js';
import type { PhaseTimer } from '../phases.js';
import type { Changed, Detected, Failed, UpToDate } from './detect.js';
import { describeError } from './result.js';

/** A changed component with its freshly generated files (none when nothing is to generate). */
export interface Prepared extends Changed {
  generated: Generated | undefined;
}

export type Generation = UpToDate | Prepared | Failed;

/** Generation is pure and per component: one that cannot be generated fails alone. */
export function generateComponents(detected: Detected[], timer: PhaseTimer): Generation[] {
  return detected.map((d) => {
    if (d.kind !== 'changed') return d;
    if (!d.needsGeneration) return { ...d, generated: undefined };
    try {
      return { ...d, generated: timer.measure('generate', () => generate(d.detection.inputs)) };
    } catch (err) {
      return { kind: 'failed', spec: d.spec, message: describeError(err, d.spec.name) };
    }
  });
}
