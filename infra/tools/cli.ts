/** One command-line argument: a bare word or a flag, whose value may follow or come after '='. */
export interface Argument {
  arg: string;
  flag: string;
  /** The flag's value (`--x=v` or `--x v`); throws when there is none. */
  value: () => string;
}

/** Walks the arguments of the tools under infra/tools the same way for each. */
export function* commandArguments(argv: readonly string[]): Generator<Argument> {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    yield {
      arg,
      flag: flag!,
      value: () => {
        const v = inline ?? argv[++i];
        if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
        return v;
      },
    };
  }
}
