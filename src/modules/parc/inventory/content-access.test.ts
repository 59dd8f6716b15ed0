import { describe, expect, it } from 'vitest';
import { bool, child, int, list, lowerKeys, str, texts } from './content-access.js';

describe('content access', () => {
  it('reads XML strings and JSON numbers alike', () => {
    const node = { a: ' x ', b: 2300, c: '274877.906944', d: '1600 MT/s', e: '-1', f: '', g: ['first', 'second'], h: 'a\u0000b' };
    expect([str(node, 'a'), str(node, 'b'), str(node, 'f'), str(node, 'g'), str(node, 'h'), str(node, 'missing')]).toEqual(['x', '2300', null, 'first', 'ab', null]);
    expect([int(node, 'b'), int(node, 'c'), int(node, 'd'), int(node, 'e'), int(node, 'a')]).toEqual([2300, 274878, 1600, null, null]);
    expect([bool({ v: '1' }, 'v'), bool({ v: true }, 'v'), bool({ v: 'no' }, 'v'), bool({ v: 'maybe' }, 'v')]).toEqual([true, true, false, null]);
  });

  it('reads a section whether it came as one element or a list', () => {
    expect(list({ s: { n: 1 } }, 's')).toEqual([{ n: 1 }]);
    expect(list({ s: [{ n: 1 }, 'junk', { n: 2 }] }, 's')).toEqual([{ n: 1 }, { n: 2 }]);
    expect(child({ s: [{ n: 1 }, { n: 2 }] }, 's')).toEqual({ n: 1 });
    expect(texts(['10.0.0.1', { x: 1 }, ' ', '10.0.0.2'])).toEqual(['10.0.0.1', '10.0.0.2']);
  });

  it('reads own keys only', () => {
    expect(str({}, 'constructor')).toBeNull();
    expect(list({}, 'toString')).toEqual([]);
  });

  it('lower-cases keys at every level', () => {
    expect(lowerKeys({ CONTENT: { HARDWARE: { NAME: 'pc' }, SOFTWARES: [{ NAME: 'a' }] } })).toEqual({
      content: { hardware: { name: 'pc' }, softwares: [{ name: 'a' }] },
    });
    expect(lowerKeys({ NAME: 'a', name: 'b' })).toEqual({ name: ['a', 'b'] });
  });
});
