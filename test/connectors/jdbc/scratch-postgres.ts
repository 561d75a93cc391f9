/**
 * A private PostgreSQL cluster for tests that stop and start the server (they must not disturb
 * the shared one other test files use): initdb into a temporary folder, a free port on
 * 127.0.0.1, pg_ctl to start/stop/restart. Uses Debian's binaries (what `scripts/services.sh`
 * installs); as root, runs them as the postgres OS user.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

function bindir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const v = versions.find((x) => existsSync(join(root, x, 'bin', 'pg_ctl')));
  if (!v)
    throw new Error(
      'PostgreSQL binaries not found in /usr/lib/postgresql: run `scripts/services.sh up` first.',
    );
  return join(root, v, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export class ScratchPostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
  ) {}

  get url(): string {
    return `jdbc:postgresql://127.0.0.1:${this.port}/postgres`;
  }

  private static asOwner(cmd: string, args: string[]) {
    return userInfo().uid === 0 ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args);
  }

  static async create(): Promise<ScratchPostgres> {
    const bin = bindir();
    const dir = mkdtempSync(join(tmpdir(), 'sluice-pg-'));
    const pw = join(dir, 'pw');
    writeFileSync(pw, 'postgres\n');
    const data = join(dir, 'data');
    if (userInfo().uid === 0) {
      chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), -1);
      chownSync(pw, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), -1);
    }
    await ScratchPostgres.asOwner(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      `--pwfile=${pw}`,
      '--auth=scram-sha-256',
      '--no-sync',
    ]);
    const pg = new ScratchPostgres(dir, await freePort(), bin);
    await pg.start();
    return pg;
  }

  async start(): Promise<void> {
    await ScratchPostgres.asOwner(join(this.bin, 'pg_ctl'), [
      '-D',
      join(this.dir, 'data'),
      '-l',
      join(this.dir, 'log'),
      '-o',
      `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off`,
      '-w',
      'start',
    ]);
  }

  async stop(): Promise<void> {
    await ScratchPostgres.asOwner(join(this.bin, 'pg_ctl'), [
      '-D',
      join(this.dir, 'data'),
      '-m',
      'fast',
      '-w',
      'stop',
    ]);
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
