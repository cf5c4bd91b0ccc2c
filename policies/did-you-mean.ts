/**
 * The known name closest to a misspelt one, if it is close enough to be a plausible typo:
 * same letters in another case (`ServiceAccountName`), or an edit distance of at most a third
 * of the word (`contianers` → `containers`, `limit` → `limits`); three-letter words must match
 * but for case, so `gpu` does not suggest `cpu`.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    if (name.toLowerCase() === word.toLowerCase()) return name;
    const distance = editDistance(word.toLowerCase(), name.toLowerCase());
    if (distance <= Math.floor((Math.max(word.length, name.length) - 1) / 3) && (!best || distance < best.distance)) {
      best = { name, distance };
    }
  }
  return best?.name;
}

/** Damerau-Levenshtein (optimal string alignment): a swap of two neighbours costs 1. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
