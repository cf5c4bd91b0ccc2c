import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';

// Every TypeScript snippet of the user-facing READMEs compiles as written, importing
// 'cdk8s-kubeflow' as a user would. A snippet may use the variables the README introduces in
// earlier sections (CONTEXT); they are declared for it, after its own lines, so that the line
// numbers of errors are the snippet's.
const ROOT = join(__dirname, '..');
const READMES = ['README.md', 'examples/training/README.md', 'examples/tuning/README.md', 'examples/serving/README.md'];
const CONTEXT: Record<string, string> = {
  stack: "import('cdk8s-kubeflow').Stack",
  research: "import('cdk8s-kubeflow').Tenant",
  catDog: "import('cdk8s-kubeflow').InferenceService",
  dogBreed: "import('cdk8s-kubeflow').InferenceService",
  catBreed: "import('cdk8s-kubeflow').InferenceService",
};

interface Snippet { readonly readme: string; readonly line: number; readonly code: string; readonly file: string }

function snippets(): Snippet[] {
  return READMES.flatMap((readme) => {
    const text = readFileSync(join(ROOT, readme), 'utf8');
    return [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m, i) => ({
      readme,
      line: text.slice(0, m.index).split('\n').length + 1,
      code: m[1],
      // Beside the README, so that relative imports would resolve as they would for a reader there.
      file: join(ROOT, dirname(readme), `__readme_snippet_${i + 1}.ts`),
    }));
  });
}

function compile(files: Map<string, string>): readonly ts.Diagnostic[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const options: ts.CompilerOptions = { ...config.options, noEmit: true, incremental: false, tsBuildInfoFile: undefined };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) => (files.has(name) ? ts.createSourceFile(name, files.get(name)!, lang) : getSourceFile(name, lang, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).filter((d) => d.file && files.has(d.file.fileName));
}

test('README snippets compile as written', () => {
  const all = snippets();
  expect(all.length).toBeGreaterThanOrEqual(7);
  const files = new Map(all.map((s) => [s.file, s.code]));
  // First pass: which context variables each snippet uses without declaring them.
  for (const d of compile(files)) {
    const name = d.code === 2304 ? /Cannot find name '(\w+)'/.exec(ts.flattenDiagnosticMessageText(d.messageText, '\n'))?.[1] : undefined;
    if (name && CONTEXT[name] && !files.get(d.file!.fileName)!.includes(`declare const ${name}:`)) {
      files.set(d.file!.fileName, `${files.get(d.file!.fileName)}declare const ${name}: ${CONTEXT[name]};\n`);
    }
  }
  const errors = compile(files).map((d) => {
    const snippet = all.find((s) => s.file === d.file!.fileName)!;
    const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
    return `${snippet.readme}:${snippet.line + line}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
  expect(errors).toEqual([]);
});

test('every snippet imports what it uses from \'cdk8s-kubeflow\' (or cdk8s), not from the source tree', () => {
  for (const s of snippets()) {
    for (const [, from] of s.code.matchAll(/^import .* from '([^']+)';$/gm)) expect({ snippet: `${s.readme}:${s.line}`, from }).toEqual({ snippet: `${s.readme}:${s.line}`, from: expect.stringMatching(/^(cdk8s-kubeflow|cdk8s|constructs)$/) });
    expect(relative(ROOT, s.file)).not.toContain('..');
  }
});
