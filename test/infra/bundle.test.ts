import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { platform } from '../../infra/platform.ts';
import { logicalIdOf } from './template.ts';

/** Budget for one function's minified bundle: cold start grows with the code Lambda has to load. */
const MAX_BUNDLE_BYTES = 500 * 1024;
/**
 * Functions allowed more, with the reason. attachments: the file inspectors (file-type, pdf-lib,
 * jpeg-js, pngjs, image-size; about 560 KiB) prove that a PDF parses and an image decodes. They sit
 * in chunks loaded by import() on an upload only, so its index.mjs, what a cold start loads, still
 * keeps the common budget (checked below). rankingsApi: the S3 client and presigner for the export
 * redirects, the admin token and JWT checks and policy validation; it runs for administrators only.
 */
const BUNDLE_BUDGETS: Record<string, number> = { attachments: 1200 * 1024, rankingsApi: 600 * 1024 };
/**
 * index.mjs budgets tighter than the common one, where a function keeps code out of its cold start
 * on purpose. erasureApi: the S3 client for the attachments it deletes loads by import() on the
 * first deletion (its index.mjs was 278 KiB with it, 163 KiB without).
 */
const INDEX_BUDGETS: Record<string, number> = { erasureApi: 180 * 1024 };

process.env.CDK_DISABLE_CLI_TELEMETRY = 'true';

/**
 * Synthesizes the app exactly as `npm run synth` does, with real esbuild bundling (the local
 * esbuild binary; no Docker, no network), and checks what each function would deploy.
 */
describe('function bundles', { timeout: 120_000 }, () => {
  const outdir = mkdtempSync(join(tmpdir(), 'nivaran-bundle-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  const synth = () => {
    const { app, stack } = buildApp(new App({ outdir }));
    app.synth();
    return { stack, template: Template.fromStack(stack).toJSON() };
  };
  let built: ReturnType<typeof synth> | undefined;
  const getBuilt = () => {
    built ??= synth();
    return built;
  };

  const assetDir = (name: string): string => {
    const { stack, template } = getBuilt();
    const code = template.Resources[logicalIdOf(stack, stack.functions[name]!)].Properties.Code as {
      S3Key: string;
    };
    return join(outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
  };

  it.each(Object.keys(platform.functions))('%s: index.mjs is minified and within budget', (name) => {
    const bundle = join(assetDir(name), 'index.mjs');
    expect(existsSync(bundle), `${bundle} exists`).toBe(true);
    // The budget covers every JavaScript file: index.mjs and the chunks it loads on some paths.
    const files = readdirSync(assetDir(name), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.mjs'))
      .map((file) => join(assetDir(name), file));
    const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
    const budget = BUNDLE_BUDGETS[name] ?? MAX_BUNDLE_BYTES;
    expect(
      bytes,
      `${name}'s bundle is ${(bytes / 1024).toFixed(1)} KiB, over the ${budget / 1024} KiB budget`,
    ).toBeLessThanOrEqual(budget);
    expect(statSync(bundle).size, `${name}'s index.mjs`).toBeLessThanOrEqual(
      INDEX_BUDGETS[name] ?? MAX_BUNDLE_BYTES,
    );
    // Minified output is a few very long lines; unminified esbuild output averages ~40 characters.
    // The officer pages' HTML templates keep their newlines, which brings theirs to about 360 (Hindi
    // written as UTF-8, one character a letter, not a six-character escape).
    const text = readFileSync(bundle, 'utf8');
    expect(text.length / text.split('\n').length, 'average line length').toBeGreaterThan(200);
    // UTF-8, not escapes: a Hindi letter costs three bytes, not six (infra/bundling.ts, charset).
    // (A few escapes stay where the source wrote them, e.g. a regular expression's [\u0900-\u097F].)
    const escapes = text.match(/\\u09[0-7][0-9a-f]/gi)?.length ?? 0;
    expect(escapes, 'Devanagari written as \\u escapes').toBeLessThanOrEqual(10);
    for (const file of files) expect(existsSync(`${file}.map`), `source map next to ${file}`).toBe(true);
  });

  it.each(Object.keys(platform.functions))('%s: the bundle and every chunk load in Node', (name) => {
    const bundle = pathToFileURL(join(assetDir(name), 'index.mjs')).href;
    // Chunks are what import() loads on some requests only: each must resolve in the asset's layout.
    const chunkDir = join(assetDir(name), 'chunks');
    const chunks = existsSync(chunkDir)
      ? readdirSync(chunkDir)
          .filter((file) => file.endsWith('.mjs'))
          .map((file) => pathToFileURL(join(chunkDir, file)).href)
      : [];
    const exported = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(bundle)});
         for (const chunk of ${JSON.stringify(chunks)}) await import(chunk);
         console.log(typeof m.handler);`,
      ],
      { encoding: 'utf8', env: { ...process.env, AWS_REGION: 'ap-south-1', NODE_OPTIONS: '' } },
    );
    expect(exported.trim()).toBe('function');
  });

  it('keeps code used on some requests out of init: Open311 filing is a chunk of its own', () => {
    const chunks = readdirSync(join(assetDir('open311'), 'chunks'));
    expect(chunks.some((file) => /^post-request-\w+\.mjs$/.test(file))).toBe(true);
    expect(readFileSync(join(assetDir('open311'), 'index.mjs'), 'utf8')).not.toContain('ZodError');
  });

  /** index.mjs and the chunks it imports statically, transitively: what Lambda reads at init. */
  const initFiles = (name: string): string[] => {
    const found = new Set<string>();
    const visit = (file: string) => {
      if (found.has(file)) return;
      found.add(file);
      // Static imports only (`from"./x.mjs"`, `import"./x.mjs"`); `import("./x.mjs")` loads later.
      for (const [, path] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*"(\.\/[^"]+\.mjs)"/g))
        visit(join(dirname(file), path!));
    };
    visit(join(assetDir(name), 'index.mjs'));
    return [...found];
  };

  it("keeps the S3 client out of erasureApi's init: it loads with the first deletion", () => {
    const init = initFiles('erasureApi');
    for (const file of init) expect(readFileSync(file, 'utf8').includes('S3Client'), file).toBe(false);
    const chunks = readdirSync(join(assetDir('erasureApi'), 'chunks')).filter((f) => f.endsWith('.mjs'));
    expect(
      chunks.some((f) =>
        readFileSync(join(assetDir('erasureApi'), 'chunks', f), 'utf8').includes('S3Client'),
      ),
    ).toBe(true);
  });

  it('gives every function its own bundle', () => {
    const dirs = Object.keys(platform.functions).map(assetDir);
    expect(new Set(dirs).size).toBe(dirs.length);
  });
});
