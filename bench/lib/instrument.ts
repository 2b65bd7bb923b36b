import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Platform } from '../../infra/platform/types.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** The line each wrapped handler prints after every invocation: its name's marker and the duration. */
export const INVOCATION_MARKER = '@@bench-invocation ';

/**
 * A copy of the platform whose functions run the real handlers inside a thin wrapper that times
 * each invocation (printed as INVOCATION_MARKER <ms> on the function's stdout, which the local
 * runner hands to onLog), with per-function endpoint overrides (the counting proxies). The
 * wrappers live in a temporary folder outside the repository; call cleanup() when done.
 */
export async function instrumentedPlatform(
  base: Platform,
  environment: (functionName: string) => Record<string, string>,
): Promise<{ platform: Platform; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'nivaran-bench-wrappers-'));
  const functions: Platform['functions'] = {};
  for (const [name, def] of Object.entries(base.functions)) {
    const wrapper = join(dir, `${name}.mjs`);
    await writeFile(
      wrapper,
      [
        `import { handler as inner } from ${JSON.stringify(resolve(REPO_ROOT, def.entry))};`,
        'export const handler = async (event, context) => {',
        '  const started = performance.now();',
        '  try {',
        '    return await inner(event, context);',
        '  } finally {',
        `    process.stdout.write(${JSON.stringify(INVOCATION_MARKER)} + (performance.now() - started).toFixed(3) + '\\n');`,
        '  }',
        '};',
        '',
      ].join('\n'),
    );
    functions[name] = { ...def, entry: wrapper, environment: { ...def.environment, ...environment(name) } };
  }
  return {
    platform: { ...base, functions },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
