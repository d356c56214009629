/**
 * Debian's translate-toolkit (Python) as the other side of the interchange formats (XLIFF 1.2,
 * TMX, TBX): `python(code, input)` runs a script with the toolkit importable. Where it is not
 * installed the suites that need it are skipped with the command to install it, except in CI
 * (CI=true), where a missing install fails the run.
 */
import { spawnSync } from 'node:child_process';

export const translateToolkitInstallCommand = 'apt-get install -y --no-install-recommends translate-toolkit';

/** Debian's python3 first: a python3 earlier on PATH (pyenv, a venv) does not see Debian's modules. */
function findPython(): string | undefined {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(candidate, ['-c', 'import translate.storage.tbx, translate.storage.tmx'], { encoding: 'utf8' });
    if (r.status === 0) return candidate;
  }
  return undefined;
}

const pythonPath = findPython();
export const translateToolkitAvailable = pythonPath !== undefined;

if (!translateToolkitAvailable) {
  if (process.env.CI === 'true') throw new Error(`translate-toolkit is not installed; CI must install it: ${translateToolkitInstallCommand}`);
  console.warn(`translate-toolkit suites skipped: it is not installed. Install it with: sudo ${translateToolkitInstallCommand}`);
}

/** Runs `code` with the toolkit's python; `input` on stdin; throws with stderr on a non-zero exit. */
export function python(code: string, input = '', args: string[] = []): string {
  if (!pythonPath) throw new Error('translate-toolkit is not installed');
  const r = spawnSync(pythonPath, ['-c', code, ...args], { input, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`python exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}
