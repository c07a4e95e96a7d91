import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../server/lib/errors.js';
import { inputsFor } from '../../server/services/generation/index.js';
import generateInWorker from '../../server/services/sync/generate-worker.js';
import { generatorPool } from '../../server/services/sync/generate.js';
import { syncValidator, validateOffThread } from '../../server/services/sync/validate-off-thread.js';
import { validateSyncText } from '../../server/services/sync/validate.js';
import { hashToken } from '../../core/tokens/index.js';
import { designSystem, syncRequest } from '../helpers/sync-fixtures.js';

// The sync's validate and generate steps run on worker threads: what crosses a thread must
// arrive whole, errors included, and a worker must answer exactly as this thread would.
describe('worker threads of a sync', () => {
  const validator = syncValidator();
  const generator = generatorPool();
  afterAll(async () => {
    await Promise.all([validator.close(), generator.close()]);
  });

  it('validates a request off the thread exactly as on it, with the token hashes reusable here', async () => {
    const text = JSON.stringify(syncRequest());
    const here = validateSyncText(text);
    const there = await validateOffThread(validator, text);
    expect({ ...there, validateMs: 0 }).toEqual({ ...here, validateMs: 0 });
    // The tokens are copies, yet hashing them costs nothing more and gives the same hashes.
    expect(there.tokens.tokens.map(hashToken)).toEqual(here.tokens.tokens.map(hashToken));
  });

  it('refuses off the thread with the same 4xx, code, message and details', async () => {
    const bodies = [
      '{"fileKey": "F", "tokens": ',
      '{"fileKey":"F","tokens":{"collections":[],"tokens":[]},"components":[{"id":"1:1","name":"A\\u0000B","props":[],"variants":[]}]}',
      JSON.stringify({ fileKey: '', tokens: { collections: [], tokens: [] }, components: [] }),
      '['.repeat(100) + ']'.repeat(100),
    ];
    for (const text of bodies) {
      let here: AppError | undefined;
      try {
        validateSyncText(text);
      } catch (err) {
        here = err as AppError;
      }
      expect(here, text).toBeInstanceOf(AppError);
      const there = await validateOffThread(validator, text).then(
        () => undefined,
        (err: unknown) => err as AppError,
      );
      expect(there, text).toBeInstanceOf(AppError);
      expect({
        status: there!.statusCode,
        code: there!.code,
        message: there!.message,
        details: there!.details,
      }).toEqual({ status: here!.statusCode, code: here!.code, message: here!.message, details: here!.details });
    }
  });

  it('generates on the worker what this thread generates, and a component that cannot be generated fails alone', async () => {
    const ds = designSystem();
    const good = ds.components.map((c) => ({ name: c.name, inputs: inputsFor(c, ds.tokens) }));
    // A spec whose variants are not a list: generation throws for this one only.
    const broken = {
      name: 'Broken',
      inputs: { ...good[0]!.inputs, spec: { ...good[0]!.inputs.spec, variants: null as never } },
    };
    const task = { components: [good[0]!, broken, ...good.slice(1)] };
    const there = await generator.run(task);
    const here = generateInWorker(task);
    expect(there.results).toEqual(here.results);
    expect(there.results.map((r) => r.ok)).toEqual([true, false, ...good.slice(1).map(() => true)]);
    expect(there.results[1]).toMatchObject({
      ok: false,
      message: expect.stringContaining('Broken could not be regenerated'),
    });
  });
});
