import { CelFunc, celFunc, CelList, CelScalar, listType } from '@bufbuild/cel';
import { celEquals } from './values';

/** CEL's sets extension, which Kubernetes enables: `sets.contains`, `sets.equivalent`, `sets.intersects`. */
const LIST = listType(CelScalar.DYN);

const contains = (a: CelList, b: CelList) => [...b].every((x) => [...a].some((y) => celEquals(x, y)));

export const SET_FUNCTIONS: CelFunc[] = [
  celFunc('sets.contains', [LIST, LIST], CelScalar.BOOL, (a: CelList, b: CelList) => contains(a, b)),
  celFunc('sets.equivalent', [LIST, LIST], CelScalar.BOOL, (a: CelList, b: CelList) => contains(a, b) && contains(b, a)),
  celFunc('sets.intersects', [LIST, LIST], CelScalar.BOOL, (a: CelList, b: CelList) => [...a].some((x) => [...b].some((y) => celEquals(x, y)))),
];
