/** A number as Katib's string fields carry it (parsed by Go's strconv and Python's float/int). @internal */
export function num(n: number): string {
  return String(n);
}
