/**
 * Starts and stops Apertium's HTTP server (APy) on 127.0.0.1. APy has no bind option, so a
 * one-line Python wrapper pins Tornado's bind address before APy starts; it runs with
 * Debian's /usr/bin/python3 (another python3 on PATH lacks its modules), LC_ALL=C.UTF-8,
 * one worker (-j 1: no forks), in its own process group, stopped as a group; it stops
 * itself when the process that started it dies.
 * See docs/apertium-notes.md for what was measured.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export const apyInstallCommand =
  'apt-get install -y --no-install-recommends apertium apertium-apy transfuse file apertium-eng-spa apertium-eng-cat apertium-en-gl apertium-eo-en apertium-hbs-eng';

const python = '/usr/bin/python3';
const modes = '/usr/share/apertium/modes';
// Also: a thread that ends APy's process group when its stdin closes, that is when the
// Node process that started it is gone, even by SIGKILL.
const wrapper =
  'import sys,os,threading;threading.Thread(target=lambda:(sys.stdin.read(),os.killpg(0,9)),daemon=True).start();' +
  'import tornado.tcpserver as t;b=t.TCPServer.bind;' +
  't.TCPServer.bind=lambda s,port,address=None,*a,**k:b(s,port,"127.0.0.1",*a,**k);' +
  'sys.argv[0]="apertium-apy";from apertium_apy.apy import main;main()';

export function apyInstalled(): boolean {
  return existsSync('/usr/bin/apertium-apy') && existsSync(python) && existsSync(modes);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface RunningApy {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startApy(options: { startTimeoutMs?: number } = {}): Promise<RunningApy> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn(python, ['-c', wrapper, '-j', '1', '-p', String(port), modes], {
      env: { LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8', PATH: '/usr/bin:/bin' },
      detached: true,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const url = `http://127.0.0.1:${port}`;
    const ready = await waitReady(url, child, options.startTimeoutMs ?? 30_000);
    if (ready) return { url, pid: child.pid!, stop: () => stopGroup(child) };
    await stopGroup(child);
    if (attempt >= 2 || !/Address already in use/.test(stderr)) throw new Error(`APy did not start: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`${url}/listPairs`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Stops the whole process group (APy's workers, if any, included) and waits for the leader. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}
