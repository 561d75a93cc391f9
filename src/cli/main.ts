/**
 * `sluice <command>`: dispatches to the subcommands. Only argument handling lives here; the work
 * is done by the engine through its public API.
 */
import { submit } from './submit.js';

const USAGE = `Usage: sluice <command> [options]

Commands:
  submit [--master local|local[n]|local[*]] [--name NAME] [--conf key=value]... job.ts [args...]
      Runs a TypeScript (or JavaScript) job file; the job imports from 'sluice'.
  generate houses [--bootstrap HOST:PORT --topic T | --socket HOST:PORT | --path DIR] [--rate N] [--seconds S]
      Writes the house-events test data at a held rate (sluice generate --help for all options).
  sql [--table NAME=PATH]... [--format table|json|csv] ["SQL; ..."]
      Runs Spark SQL over files and folders; without a query, an interactive SQL prompt (sluice sql --help).
  help
      Shows this text.
`;

export async function main(argv: readonly string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'submit':
      await submit(rest);
      return;
    case 'generate': {
      const { generateCommand } = await import('./generate.js');
      await generateCommand(rest);
      return;
    }
    case 'sql': {
      const { sqlCommand } = await import('./sql.js');
      await sqlCommand(rest);
      return;
    }
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
