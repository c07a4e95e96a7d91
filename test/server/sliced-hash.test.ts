import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHash, canonicalJson, canonicalJsonPieces, hashTokenSet } from '../../core/tokens/index.js';
import { canonicalHashSliced, hashTokenSetSliced } from '../../server/services/sliced-hash.js';
import { TimeSlicer } from '../../server/services/event-loop.js';
import { designSystem } from '../../bench/design-system.js';

// The sync hashes its request in slices; replays compare that hash with stored ones, so it must equal the one-go hash.
describe('sliced canonical hashes', () => {
  it('pieces concatenate to the canonical JSON, and the sliced hash equals canonicalHash, for any JSON-like value', async () => {
    const value = fc.jsonValue().chain((v) => fc.constantFrom(v, { a: v, b: undefined, list: [v, v] }));
    await fc.assert(
      fc.asyncProperty(value, fc.integer({ min: 0, max: 5 }), async (v, depth) => {
        expect([...canonicalJsonPieces(v, depth)].join('')).toBe(canonicalJson(v));
        // A zero-length slice yields at every piece: the pauses change nothing.
        expect(await canonicalHashSliced(v, new TimeSlicer(0))).toBe(canonicalHash(v));
      }),
      { numRuns: 200 },
    );
  });

  it('hashes a design system token set exactly as hashTokenSet does', async () => {
    const { tokens } = designSystem({ components: 3, tokens: 200, modes: 2 });
    expect(await hashTokenSetSliced(tokens, new TimeSlicer(0))).toBe(hashTokenSet(tokens));
  });
});
