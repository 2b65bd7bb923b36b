import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';

/** Options every tool takes besides its own: --help, -h. */
const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

type Read<O extends ParseArgsOptionsConfig, P extends boolean> = ReturnType<
  typeof parseArgs<{ options: O & typeof HELP_OPTION; allowPositionals: P; strict: true }>
>;

/** parseArgs's refusals, in the words the tools have always used. */
function usageError(error: unknown, allowPositionals: boolean): string {
  const { code, message } = error as { code?: string; message: string };
  const name = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  const unexpected = /'([^']*)'/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      // A tool that takes no bare words has only arguments to know or not.
      return allowPositionals ? `unknown option ${name}` : `unknown argument ${name}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unknown argument ${unexpected}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(message) ? `${name} takes no value` : `${name} needs a value`;
    default:
      return message;
  }
}

/**
 * Reads a tool's command line with node:util parseArgs (strict: unknown options and, unless
 * `allowPositionals`, bare words are refused; `--flag value` and `--flag=value` both work). Every
 * tool also takes --help / -h. A string result is what to print instead of running: the help
 * (exit 0, see `isHelp`), or a usage error followed by the help (exit 2).
 */
export function readCommandLine<O extends ParseArgsOptionsConfig, P extends boolean = true>(
  argv: readonly string[],
  options: O,
  help: string,
  allowPositionals: P = true as P,
): Read<O, P> | string {
  if (isHelp(argv)) return help;
  let read: Read<O, P>;
  try {
    read = parseArgs({
      args: [...argv],
      options: { ...options, ...HELP_OPTION },
      allowPositionals,
      strict: true,
    }) as Read<O, P>;
  } catch (error) {
    return `${usageError(error, allowPositionals)}\n\n${help}`;
  }
  // A value given as --flag= or --flag '' is no value.
  for (const [name, value] of Object.entries(read.values)) {
    if (value === '') return `--${name} needs a value\n\n${help}`;
  }
  return read;
}

/** Whether the command line asks for the help (before any `--`). */
export function isHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/**
 * A tool's parsed options, or undefined after printing what its parser answered instead: the help
 * on stdout (exit 0) or a usage error on stderr (exit 2). Every tool's main starts with it.
 */
export function optionsOrUsage<T>(
  argv: readonly string[],
  parse: (argv: readonly string[]) => T | string,
  help: string,
): T | undefined {
  const parsed = parse(argv);
  if (typeof parsed !== 'string') return parsed;
  const helpAsked = parsed === help && isHelp(argv);
  (helpAsked ? process.stdout : process.stderr).write(`${parsed}\n`);
  process.exitCode = helpAsked ? 0 : 2;
  return undefined;
}
