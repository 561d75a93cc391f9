/**
 * `sluice <command>`: dispatches to the subcommands. Only argument handling lives here; the work
 * is done by the engine through its public API.
 */
import { submit } from './submit.js';

const USAGE = `Usage: sluice <command> [options]

Commands:
  submit [--master local|local[n]|local[*]] [--name NAME] [--conf key=value]... job.ts [args...]
      Runs a TypeScript (or JavaScript) job file; the job imports from 'sluice'.
  help
      Shows this text.
`;

export async function main(argv: readonly string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'submit':
      await submit(rest);
      return;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return;
    default:
      process.stderr.write(`sluice: unknown command '${cmd}'\n\n${USAGE}`);
      process.exitCode = 1;
  }
}
