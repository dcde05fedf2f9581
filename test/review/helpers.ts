import { cp, mkdtemp, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURES = fileURLToPath(new URL("../fixtures/review/", import.meta.url));
export const DRAFT = "zero-tolerance-2018";

export function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), "preclear-"));
}

/** Copy a fixture (file or directory) into a fresh temporary directory; returns its new path. */
export async function copyFixture(name: string): Promise<string> {
  const dir = await tempDir();
  const target = path.join(dir, name);
  await cp(path.join(FIXTURES, name), target, { recursive: true });
  return target;
}

/** A clock that ticks one minute per reading, from 1 April 2018 09:30 UTC. */
export function steppingClock(start = Date.UTC(2018, 3, 1, 9, 30)): () => Date {
  let next = start;
  return () => {
    const date = new Date(next);
    next += 60_000;
    return date;
  };
}

/** Names of temporary or lock files left in a directory. */
export async function leftovers(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith(".tmp") || name.endsWith(".lock"));
}
