import { existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

const heldHere = new Set<string>();

/** Whether a process with this pid exists (EPERM: it does, under another user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One local cloud per data directory: LevelDB allows one opener, and dynalite reports a second one
 * only by crashing later; two DynamoDB Locals on one SQLite file would lock each other out. A pid file turns that into a clear message up front; a stale file left by
 * a killed process is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, 'runner.pid');
  // The pid file cannot tell this process's running cloud from a stale file with a reused pid, so
  // the directories this process holds are also kept here (tests start several clouds in one process).
  const key = resolve(dataDir);
  if (heldHere.has(key)) {
    throw new DataDirInUseError(
      `${dataDir} is in use by another local cloud in this process. Stop it, or set DATA_DIR to another folder.`,
    );
  }
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8'));
    if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) {
      throw new DataDirInUseError(
        `${dataDir} is in use by another local cloud (pid ${pid}). Stop it, or set DATA_DIR to another folder.`,
      );
    }
  }
  heldHere.add(key);
  try {
    await writeFile(file, String(process.pid));
  } catch (error) {
    heldHere.delete(key);
    throw error;
  }
  return async () => {
    await rm(file, { force: true });
    heldHere.delete(key);
  };
}
