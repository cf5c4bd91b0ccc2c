import { CelFunc, CelList, celMethod, CelScalar, CelValue, listType } from '@bufbuild/cel';
import { celCompare, celEquals } from './values';

/** Kubernetes' list library: `isSorted`, `sum`, `min`, `max`, `indexOf`, `lastIndexOf` on lists. */
const LIST = listType(CelScalar.DYN);
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

export const LIST_FUNCTIONS: CelFunc[] = [
  celMethod('isSorted', LIST, [], CelScalar.BOOL, function (this: CelList) {
    const items = [...this];
    return items.every((v, i) => i === 0 || celCompare(items[i - 1], v) <= 0);
  }),
  celMethod('sum', LIST, [], CelScalar.DYN, function (this: CelList) {
    let total: bigint | number = 0n;
    for (const v of this) {
      if (typeof v === 'bigint' && typeof total === 'bigint') {
        total += v;
        if (total > INT64_MAX || total < INT64_MIN) throw new Error('integer overflow');
      } else if (typeof v === 'number' && (typeof total === 'number' || total === 0n)) {
        total = Number(total) + v;
      } else {
        throw new Error(`no such overload: sum of ${typeof v} is not supported`);
      }
    }
    return total;
  }),
  celMethod('min', LIST, [], CelScalar.DYN, function (this: CelList) {
    return extreme(this, 'min', (c) => c < 0);
  }),
  celMethod('max', LIST, [], CelScalar.DYN, function (this: CelList) {
    return extreme(this, 'max', (c) => c > 0);
  }),
  celMethod('indexOf', LIST, [CelScalar.DYN], CelScalar.INT, function (this: CelList, x: CelValue) {
    return BigInt([...this].findIndex((v) => celEquals(v, x)));
  }),
  celMethod('lastIndexOf', LIST, [CelScalar.DYN], CelScalar.INT, function (this: CelList, x: CelValue) {
    const items = [...this];
    for (let i = items.length - 1; i >= 0; i--) if (celEquals(items[i], x)) return BigInt(i);
    return -1n;
  }),
];

function extreme(list: CelList, name: string, better: (comparison: number) => boolean): CelValue {
  if (list.size === 0) throw new Error(`${name} called on empty list`);
  const items: CelValue[] = [...list];
  let best = items[0];
  for (const v of items) if (better(celCompare(v, best))) best = v;
  return best;
}
