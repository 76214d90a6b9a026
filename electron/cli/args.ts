import { DelineateError } from '../../core/errors.ts';

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string | true>;
}

/** `--name value`, `--name=value` and bare `--switch`; names in `switches` never take a value. */
export function parseArgs(argv: readonly string[], switches: ReadonlySet<string>): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let n = 0; n < argv.length; n++) {
    const arg = argv[n]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (inline !== undefined) flags.set(name, inline);
    else if (switches.has(name)) flags.set(name, true);
    else {
      const value = argv[++n];
      if (value === undefined) throw new DelineateError('invalid-input', `--${name} needs a value`);
      flags.set(name, value);
    }
  }
  return { positionals, flags };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function portFlag(args: ParsedArgs): number {
  const raw = stringFlag(args, 'port');
  if (raw === undefined) return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new DelineateError('invalid-input', `--port ${raw}: not a port number`);
  return port;
}
