// Kubernetes resource quantities (`500m`, `24Gi`, `1e3`) as numbers, for sums and comparisons.

const SUFFIX: Readonly<Record<string, number>> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;

/** The value of a quantity (a string, or a number as YAML may give it), or undefined when it is not one. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = QUANTITY.exec(value.trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  return m[2] ? Number(`${m[1]}${m[2]}`) : base * SUFFIX[m[3] ?? ''];
}

/** Whether a quantity is a whole number (a GPU count): `1`, `2.0`; not `0.5`, `500m`. */
export function isWhole(value: number): boolean {
  return Math.abs(value - Math.round(value)) < 1e-9;
}

/** A resource amount the way people read it: CPUs in cores or millicores, bytes in binary units, counts as numbers. */
export function formatAmount(resource: string, value: number): string {
  const name = resource.replace(/^(requests|limits)\./, '');
  if (name === 'cpu') return value > 0 && value < 1 ? `${round(value * 1000)}m` : round(value);
  if (['memory', 'storage', 'ephemeral-storage'].includes(name) || name.startsWith('hugepages-')) return bytes(value);
  return round(value);
}

function bytes(value: number): string {
  for (const [suffix, factor] of [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (value >= factor) return `${round(value / factor)}${suffix}`;
  }
  return round(value);
}

function round(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
