/** A `grantwise` subcommand. `run` returns the exit code: 0 clean, 1 findings, 2 unusable input. */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNUSABLE = 2;

/** Parsed `--flag value`, `--flag=value`, repeated flags and positionals; booleans are declared. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string[]>;
}

export class UsageError extends Error {}

export function parseArgs(args: string[], booleans: string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  const add = (k: string, v: string) => flags.set(k, [...(flags.get(k) ?? []), v]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) add(a.slice(2, eq), a.slice(eq + 1));
      else if (booleans.includes(a.slice(2))) add(a.slice(2), 'true');
      else {
        const v = args[i + 1];
        if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
        add(a.slice(2), v);
        i++;
      }
    } else positionals.push(a);
  }
  return { positionals, flags };
}

export function flag(p: ParsedArgs, name: string): string | undefined {
  const v = p.flags.get(name);
  return v?.[v.length - 1];
}

export function flagList(p: ParsedArgs, name: string): string[] {
  return p.flags.get(name) ?? [];
}
