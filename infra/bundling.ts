import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { type BuildOptions, build, buildSync, type Metafile } from 'esbuild';

const REPO_ROOT = resolve(import.meta.dirname, '..');

/** Lambda gives credentials in the environment; the rest of the default chain is dead weight. */
export const LAMBDA_ALIASES = {
  '@aws-sdk/credential-provider-node': resolve(REPO_ROOT, 'shared/adapters/aws/lambda-credentials.ts'),
};

/**
 * How every function is bundled for Lambda: the CDK stack (infra/stack.ts) deploys exactly this, and
 * the cold-start benchmark (bench/cold-start.ts) measures exactly this.
 *
 * - Code splitting: a module reached only through `await import()` goes into its own file under
 *   chunks/, which Lambda reads and parses only when a request takes that path. Without splitting
 *   esbuild inlines it and V8 still parses it at init (measured: a DynamoDB-only handler with the
 *   S3 client behind import() initialised slower than with a static import).
 * - UTF-8 output (charset): by default esbuild escapes every non-ASCII character, and each Hindi
 *   letter of the pages, messages and templates became six bytes (\u0915) instead of three; the
 *   officer pages' bundle fell from 499 to 464 KB. Node and Lambda read ESM sources as UTF-8.
 * - Source maps without sourcesContent: Node's --enable-source-maps reads and JSON-parses every
 *   .map at load, and embedded sources are about 60% of it. Stack traces still map to file:line:col.
 */
export const LAMBDA_BUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  charset: 'utf8',
  sourcemap: true,
  sourcesContent: false,
  splitting: true,
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  mainFields: ['module', 'main'],
  // Some dependencies are CommonJS and call require(); ESM bundles need it defined.
  banner: {
    js: "import { createRequire as __nivaranCreateRequire } from 'node:module'; const require = __nivaranCreateRequire(import.meta.url);",
  },
  alias: LAMBDA_ALIASES,
  metafile: true,
  logLevel: 'error',
} satisfies BuildOptions;

/**
 * The functions' NODE_OPTIONS: stack traces in the logs point at the TypeScript sources. Costs a
 * read and JSON.parse of each loaded .map at init (the cold-start benchmark prints how much).
 */
export const LAMBDA_NODE_OPTIONS = '--enable-source-maps';

const optionsFor = (entry: string, outdir: string): BuildOptions => ({
  ...LAMBDA_BUILD_OPTIONS,
  entryPoints: [entry],
  outdir,
});

/** Bundles one function's handler into `outdir` (index.mjs, chunks/, their .map files). */
export async function bundleFunction(entry: string, outdir: string): Promise<Metafile> {
  return pruneUnreachable((await build(optionsFor(entry, outdir))).metafile!);
}

/** The same, synchronously: CDK's local bundling hook cannot wait for a promise. */
export function bundleFunctionSync(entry: string, outdir: string): Metafile {
  return pruneUnreachable(buildSync(optionsFor(entry, outdir)).metafile!);
}

/** The JavaScript files index.mjs can load: `static` at init, `all` including through import(). */
function reachable(metafile: Metafile, kinds: readonly string[]): Set<string> {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((path) => /(^|\/)index\.mjs$/.test(path));
  if (!entry) throw new Error('no index.mjs in the bundle');
  const found = new Set<string>();
  const visit = (path: string) => {
    if (found.has(path)) return;
    found.add(path);
    for (const imported of outputs[path]!.imports)
      if (!imported.external && kinds.includes(imported.kind)) visit(imported.path);
  };
  visit(entry);
  return found;
}

/**
 * With splitting, esbuild writes a chunk for every import() in the module graph, also those in
 * code it then tree-shakes (such as the SDK's browser user-agent parser). Nothing can load those
 * files: delete them and leave them out.
 */
function pruneUnreachable(metafile: Metafile): Metafile {
  const keep = reachable(metafile, ['import-statement', 'dynamic-import']);
  const outputs: Metafile['outputs'] = {};
  for (const [path, output] of Object.entries(metafile.outputs)) {
    const code = path.endsWith('.map') ? path.slice(0, -'.map'.length) : path;
    if (keep.has(code)) outputs[path] = output;
    else rmSync(resolve(path), { force: true });
  }
  return { ...metafile, outputs };
}

export interface BundleSizes {
  /** index.mjs and every chunk it imports statically: what Lambda reads and parses at init. */
  initBytes: number;
  /** Every JavaScript file of the bundle, including chunks loaded only on some paths. */
  totalBytes: number;
}

/** Sizes of a bundle's minified JavaScript (source maps excluded), from esbuild's metafile. */
export function bundleSizes(metafile: Metafile): BundleSizes {
  const sum = (paths: Iterable<string>) =>
    [...paths].reduce((bytes, path) => bytes + metafile.outputs[path]!.bytes, 0);
  return {
    initBytes: sum(reachable(metafile, ['import-statement'])),
    totalBytes: sum(Object.keys(metafile.outputs).filter((path) => path.endsWith('.mjs'))),
  };
}
