import { compactJson, sortKeys } from './stable-json';

describe('stable JSON', () => {
  test('sortKeys orders object keys deeply and leaves arrays in order', () => {
    expect(JSON.stringify(sortKeys({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: 2 } }))).toBe('{"a":{"c":2,"d":[3,{"e":2,"f":1}]},"b":1}');
  });

  test('compactJson keeps short values on one line and breaks long ones, one space per level', () => {
    expect(compactJson({ a: 1 })).toBe('{"a":1}\n');
    const text = compactJson({ short: { type: 'string' }, long: { properties: { x: 'y'.repeat(30), z: 'w'.repeat(30) } } }, 40);
    const y = 'y'.repeat(30);
    const w = 'w'.repeat(30);
    expect(text).toBe(`{\n "short":{"type":"string"},\n "long":{\n  "properties":{\n   "x":"${y}",\n   "z":"${w}"\n  }\n }\n}\n`);
    expect(JSON.parse(text)).toEqual({ short: { type: 'string' }, long: { properties: { x: 'y'.repeat(30), z: 'w'.repeat(30) } } });
  });
});
