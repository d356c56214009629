/**
 * A drafting process killed with SIGKILL mid-job: the next run resumes the job and sends
 * only the segments that were not stored yet. The CLI runs as a child process against the
 * fake Google server on 127.0.0.1, with credentials from the standard environment.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentStatements, contentRoot } from '../support/corpora.ts';
import { startFakeGoogle, type FakeGoogle } from '../support/fake-google.ts';
import { writeServiceAccountKey } from '../support/google-key.ts';
import { projectRoot, runCli, runCliAsync } from '../support/run-cli.ts';

let fake: FakeGoogle;
let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  fake = await startFakeGoogle();
  dir = mkdtempSync(join(tmpdir(), 'editions-kill-'));
  env = {
    EDITIONS_DB: join(dir, 'editions.db'),
    GOOGLE_APPLICATION_CREDENTIALS: writeServiceAccountKey(dir),
    METADATA_SERVER_DETECTION: 'none',
    HOME: dir,
    CLOUDSDK_CONFIG: dir,
    EDITIONS_GOOGLE_ENDPOINT: fake.endpoint,
    EDITIONS_GOOGLE_CONCURRENCY: '1',
    EDITIONS_APERTIUM: 'off',
    // The killed process's lease on its job ends a second after its last renewal; `--resume` waits for it.
    EDITIONS_JOB_LEASE_MS: '1000',
  };
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function progress(): { locale: string; done: number; total: number }[] {
  const db = new Database(env.EDITIONS_DB!, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('select locale, done, total from draft_job_locales order by locale').all() as { locale: string; done: number; total: number }[];
  } finally {
    db.close();
  }
}

describe('a draft job killed with SIGKILL', () => {
  it('resumes on the next run without re-sending stored segments', async () => {
    const slug = contentStatements()[1]!.name;
    expect(runCli(['import', join(contentRoot, slug)], env).status).toBe(0);

    fake.delayMs = 700;
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'drafts', slug, '--to', 'es,fr,de'], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: 'ignore' });
    const deadline = Date.now() + 30_000;
    while (!progress().some((p) => p.done > 0)) {
      if (Date.now() > deadline) throw new Error('no progress before the deadline');
      await new Promise((r) => setTimeout(r, 50));
    }
    process.kill(child.pid!, 'SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const atKill = progress();
    const stored = atKill.filter((p) => p.done === p.total).map((p) => p.locale);
    expect(stored.length).toBeGreaterThanOrEqual(1);
    expect(stored.length).toBeLessThan(3);
    const killedAt = fake.requests.length;

    fake.delayMs = 0;
    const resumed = await runCliAsync(['drafts', '--resume'], env);
    expect(resumed.status).toBe(0);
    for (const locale of ['de', 'es', 'fr']) expect(resumed.stdout).toMatch(new RegExp(`^${locale}: done, (\\d+)/\\1 drafted by google`, 'm'));

    const after = fake.requests.slice(killedAt).map((r) => r.body!.targetLanguageCode);
    for (const locale of stored) expect(after).not.toContain(locale);
    expect(progress().every((p) => p.done === p.total && p.total > 0)).toBe(true);
  }, 60_000);
});
