/**
 * A PostgreSQL cluster of a test's own, for tests that stop and start the server (never the
 * shared one on 5432, which other suites use): initdb into a temp directory as the `postgres`
 * user (`runuser`, so the tests run as root, as in CI), on 127.0.0.1 and a free port, trust
 * authentication for the `editions` superuser. Stopped by its postmaster's pid (SIGINT: a fast
 * shutdown, every connection cut) and started again on the same data; `destroy()` stops it and
 * removes the directory.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
const bin = versions.length > 0 ? `/usr/lib/postgresql/${versions[0]}/bin` : undefined;

/** Why a private cluster cannot run here, or undefined when it can. */
export const privatePostgresUnavailable: string | undefined =
  !bin || !existsSync(join(bin, 'initdb')) ? 'PostgreSQL server binaries are not installed (apt-get install -y postgresql)'
  : process.getuid?.() !== 0 ? 'a private PostgreSQL cluster is started as the postgres user, which needs root (runuser)'
  : spawnSync('id', ['-u', 'postgres']).status !== 0 ? 'there is no postgres user (apt-get install -y postgresql)'
  : undefined;

export interface PrivatePostgres {
  /** postgres://editions@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  /** The postmaster's pid while it runs. */
  pid(): number | undefined;
  /** Fast shutdown by pid (SIGINT); resolves when the postmaster has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same data; resolves when it accepts connections. */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const asPostgres = (command: string, args: string[]) => execFileSync('runuser', ['-u', 'postgres', '--', join(bin!, command), ...args], { stdio: 'pipe' });

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  if (privatePostgresUnavailable) throw new Error(privatePostgresUnavailable);
  const dir = mkdtempSync(join(tmpdir(), 'editions-pg-'));
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  asPostgres('initdb', ['-D', data, '-U', 'editions', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  let pid: number | undefined;
  const start = async () => {
    asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
    pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  };
  const stop = async () => {
    if (pid === undefined) return;
    const stopping = pid;
    pid = undefined;
    try {
      process.kill(stopping, 'SIGINT');
    } catch {
      return;
    }
    const deadline = Date.now() + 60_000;
    // Gone once its pid file is (a reaped or zombie process may linger under a container's init).
    for (;;) {
      if (!existsSync(join(data, 'postmaster.pid'))) return;
      try {
        process.kill(stopping, 0);
      } catch {
        return;
      }
      if (Date.now() > deadline) throw new Error(`postgres ${stopping} did not stop`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await start();
  return {
    url: `postgres://editions@127.0.0.1:${port}/postgres`,
    port,
    pid: () => pid,
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
