import { describe, expect, it } from 'vitest';
import { componentCodeNames, componentIdentifier, type CodeNameRequest } from '../../../core/codegen/names.js';

const request = (key: string, name: string, rank: string, previous: string | null = null): CodeNameRequest<string> => ({
  key,
  desired: componentIdentifier(name),
  previous,
  rank: [rank, key],
});

describe('componentCodeNames', () => {
  it('gives names that fold to one code name distinct ones, ignoring case, best rank first', () => {
    const names = componentCodeNames(
      [
        request('b', 'button', '2'),
        request('a', 'Button', '1'),
        request('c', 'My Button', '3'),
        request('d', 'my-button', '4'),
        request('e', 'BUTTON', '5'),
      ],
      [],
    );
    expect(Object.fromEntries(names)).toEqual({
      a: 'Button',
      b: 'Button2',
      c: 'MyButton',
      d: 'MyButton2',
      e: 'BUTTON3',
    });
  });

  it('does not depend on the order of the requests', () => {
    const requests = [request('a', 'Button', '1'), request('b', 'button', '2'), request('c', 'BUTTON', '3')];
    expect(componentCodeNames([...requests].reverse(), [])).toEqual(componentCodeNames(requests, []));
  });

  it('keeps a previous code name while it is free and still derived from the name', () => {
    // "button" had Button2; the Button it yielded to is gone, yet it keeps Button2.
    expect(componentCodeNames([request('b', 'button', '2', 'Button2')], []).get('b')).toBe('Button2');
    // Renamed to "Card": the old code name is not its name's any more.
    expect(componentCodeNames([request('b', 'Card', '2', 'Button2')], []).get('b')).toBe('Card');
    // "Buttons" is not derived from "Button".
    expect(componentCodeNames([request('b', 'Button', '2', 'Buttons')], []).get('b')).toBe('Button');
  });

  it('never hands out a taken name', () => {
    const names = componentCodeNames(
      [request('a', 'Button', '1', 'Button'), request('b', 'button', '2')],
      ['BUTTON', 'Button2'],
    );
    expect(Object.fromEntries(names)).toEqual({ a: 'Button3', b: 'Button4' });
  });
});
