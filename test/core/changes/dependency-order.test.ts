import { describe, expect, it } from 'vitest';
import { dependencyOrder } from '../../../core/changes/index.js';

type Item = { id: string; name: string; uses: string[] };
const order = (items: Item[]) =>
  dependencyOrder(
    items,
    (i) => i.id,
    (i) => i.name,
    (i) => i.uses,
  ).map((i) => i.name);

describe('dependencyOrder', () => {
  it('puts each item after the items it uses, ties by name', () => {
    const items: Item[] = [
      { id: 'c', name: 'Card', uses: ['b'] },
      { id: 'b', name: 'Button', uses: ['i'] },
      { id: 'z', name: 'Avatar', uses: [] },
      { id: 'i', name: 'Icon', uses: [] },
      { id: 'd', name: 'Dialog', uses: ['b', 'c'] },
    ];
    expect(order(items)).toEqual(['Avatar', 'Icon', 'Button', 'Card', 'Dialog']);
    expect(order([...items].reverse())).toEqual(['Avatar', 'Icon', 'Button', 'Card', 'Dialog']);
  });

  it('ignores uses outside the items and of itself, and places the items of a cycle by name once nothing else can go', () => {
    expect(
      order([
        { id: 'b', name: 'B', uses: ['a', 'outside'] },
        { id: 'a', name: 'A', uses: ['b'] },
        { id: 'c', name: 'C', uses: ['c'] },
      ]),
    ).toEqual(['C', 'A', 'B']);
  });
});
