import { isGrantwiseError } from '../core/errors';
import { EXIT_UNUSABLE, UsageError, type CliCommand, type CliIo } from './command';
import { identityCommand, profilesCommand } from './commands/profiles';
import { evalCommand } from './commands/eval';
import { deploymentCommand } from './commands/deployment';
import { simulateCommand } from './commands/simulate';
import { validateCommand } from './commands/validate';
import { generateCommand } from './commands/generate';
import { policyCommand } from './commands/policy';
// One line per command family; each lives in src/cli/commands/<family>.ts.
const COMMANDS: CliCommand[] = [
  profilesCommand,
  identityCommand,
  evalCommand,
  deploymentCommand,
  simulateCommand,
  validateCommand,
  generateCommand,
  policyCommand,
];

function help(io: CliIo): void {
  io.out('grantwise: least-privilege IAM for CI pipelines\n\nCommands:');
  for (const c of COMMANDS) io.out(`  ${c.usage}\n      ${c.summary}`);
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return name ? 0 : EXIT_UNUSABLE;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`grantwise: unknown command '${name}'. Run 'grantwise --help' for the list.`);
    return EXIT_UNUSABLE;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) io.err(`grantwise ${name}: ${e.message}\nusage: ${command.usage}`);
    else if (isGrantwiseError(e)) io.err(`grantwise ${name}: ${e.display}`);
    else io.err(`grantwise ${name}: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT_UNUSABLE;
  }
}

if (require.main === module) {
  const io: CliIo = {
    out: (t) => process.stdout.write(t + '\n'),
    err: (t) => process.stderr.write(t + '\n'),
    cwd: process.cwd(),
    env: process.env,
  };
  main(process.argv.slice(2), io).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`grantwise: ${String(e)}\n`);
      process.exitCode = EXIT_UNUSABLE;
    },
  );
}
