import { readFileSync } from 'fs';
import { join } from 'path';

/** The text of the README section under the `## ` heading `title`, up to the next `## ` heading. */
export function readmeSection(title: string): string {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start === -1) throw new Error(`README has no section "${title}"`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

/** The code blocks of a README section: `ts` snippets, or (`lang` '') the untagged output blocks. */
export function codeBlocks(section: string, lang: 'ts' | ''): string[] {
  return [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === lang).map((m) => m[2]);
}

/**
 * The lines of `snippets` (imports and blank lines aside) that `sourceFile` does not contain,
 * whitespace squeezed: a test that runs a README's snippets shows with `[]` that it runs all
 * of them as printed.
 */
export function linesNotIn(snippets: string[], sourceFile: string): string[] {
  const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();
  const source = squeeze(readFileSync(sourceFile, 'utf8'));
  return snippets.flatMap((s) => s.split('\n')).filter((l) => l.trim() && !l.startsWith('import ') && !source.includes(squeeze(l)));
}
