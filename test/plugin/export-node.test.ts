// The Design column's image: main exports a variant as PNG at 2× through the message contract,
// on the strict fake (a real PNG, decodable), and names a node that is gone.
import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type RequestMessage } from '../../plugin/messages.js';
import { handlers } from '../../plugin/main/handlers.js';
import { createFakeFigma, realisticDesignSystem, type FakeFigma } from '../fakes/figma/index.js';
import { DEFAULT_EXPORT_SIZE } from '../fakes/figma/export.js';

function decodePng(png: Uint8Array) {
  const bytes = Buffer.from(png);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: Array<{ type: string; data: Buffer }> = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    chunks.push({ type: bytes.toString('latin1', at + 4, at + 8), data: bytes.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  const header = chunks[0]!.data;
  const idat = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
  return {
    types: chunks.map((c) => c.type),
    width: header.readUInt32BE(0),
    height: header.readUInt32BE(4),
    pixels: inflateSync(idat),
  };
}

describe('exportNodePng (main)', () => {
  let fake: FakeFigma;
  let restore: () => void;
  beforeEach(() => {
    fake = createFakeFigma(realisticDesignSystem());
    restore = fake.install();
  });
  afterEach(() => restore());

  const ask = (nodeId: string) =>
    dispatch(handlers, { kind: 'request', id: 7, name: 'exportNodePng', params: { nodeId } } as RequestMessage);

  it('answers the node as a PNG at twice its size', async () => {
    const reply = await ask('21:0');
    if (!reply.ok) throw new Error(reply.error.message);
    const { png } = reply.result as { png: Uint8Array };
    expect(png).toBeInstanceOf(Uint8Array);
    const image = decodePng(png);
    expect(image.types).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([image.width, image.height]).toEqual([DEFAULT_EXPORT_SIZE.width * 2, DEFAULT_EXPORT_SIZE.height * 2]);
    expect(image.pixels.length).toBe(image.height * (1 + image.width * 3));
    expect(fake.calls).toContain('node.exportAsync');
  });

  it('says which layer is gone when the node does not exist', async () => {
    const reply = await ask('99:99');
    expect(reply).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^No layer 99:99 in this file/) },
    });
  });

  it('the fake refuses exports Figma refuses, and says what it does not model', async () => {
    const node = (await figma.getNodeByIdAsync('21:0')) as ComponentNode;
    await expect(node.exportAsync({ format: 'PNG', constraint: { type: 'SCALE', value: 5 } })).rejects.toThrow(
      /in exportAsync: Expected "constraint.value" to be between 0.01 and 4/,
    );
    await expect(node.exportAsync({ format: 'GIF' } as never)).rejects.toThrow(/in exportAsync: Invalid value/);
    await expect(node.exportAsync({ format: 'SVG' })).rejects.toThrow(/fake figma: .* is not implemented/);
  });
});
