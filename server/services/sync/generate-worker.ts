// The worker side of the generate step: a chunk of components' inputs in, their files out
// (or, per component, why it could not be generated). Pure code generation, no I/O.
import { generate, type Generated, type GenerationInputs } from '../generation/index.js';
import { installNativeSha256 } from '../../lib/native-hash.js';
import { describeError } from './result.js';

installNativeSha256();

export interface GenerateTask {
  components: Array<{ name: string; inputs: GenerationInputs }>;
}

export type GenerateAnswer = {
  results: Array<{ ok: true; generated: Generated } | { ok: false; message: string }>;
  ms: number;
};

export default function generateInWorker(task: GenerateTask): GenerateAnswer {
  const started = performance.now();
  const results = task.components.map(({ name, inputs }) => {
    try {
      return { ok: true as const, generated: generate(inputs) };
    } catch (err) {
      return { ok: false as const, message: describeError(err, name) };
    }
  });
  return { results, ms: performance.now() - started };
}
