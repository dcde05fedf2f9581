/**
 * Class 6 of issue 17: what sits at `<review>.lock` when it is not a lock
 * preclear wrote — a dangling symbolic link, a symlink to a real file, a
 * directory, a FIFO. It is never followed, read, judged stale or removed;
 * the wait for it backs off (no busy loop) and ends at the timeout with one
 * line that says what the path is. The CPU budget is measured, not the clock.
 */
import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { LockTimeoutError, withLock } from "../../src/review/lock.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function resource(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "preclear-lock-"));
  dirs.push(dir);
  const file = path.join(dir, "memo.review.yaml");
  writeFileSync(file, "apiVersion: preclear/v1\n");
  return file;
}

const TIMEOUT_MS = 600;

const PLANTS: Record<string, (lock: string, dir: string) => void> = {
  "a dangling symbolic link": (lock) => symlinkSync("nowhere", lock),
  "a symbolic link to a real file": (lock, dir) => {
    writeFileSync(path.join(dir, "other"), "{}");
    symlinkSync("other", lock);
  },
  "a directory": (lock) => mkdirSync(lock),
  ...(process.platform === "win32"
    ? {}
    : { "a FIFO": (lock: string) => execFileSync("mkfifo", [lock]) }),
};

describe("a lock path that is not a lock preclear wrote", () => {
  for (const [name, plant] of Object.entries(PLANTS)) {
    test(`${name}: waited for without spinning, until the timeout; left in place`, async () => {
      const file = resource();
      const lock = `${file}.lock`;
      plant(lock, path.dirname(file));
      let ran = false;
      const cpu = process.cpuUsage();
      const error = await withLock(
        file,
        async () => {
          ran = true;
        },
        { timeoutMs: TIMEOUT_MS },
      ).catch((e: unknown) => e);
      const used = process.cpuUsage(cpu);
      expect(ran).toBe(false);
      expect(error).toBeInstanceOf(LockTimeoutError);
      const kind =
        name.startsWith("a FIFO") || name.startsWith("a directory") ? name : "a symbolic link";
      expect((error as Error).message).toContain(`(it is ${kind}, not a lock preclear wrote)`);
      expect((error as Error).message).toContain("not a lock preclear wrote");
      // A busy loop would use about the whole timeout in CPU; backing off uses a sliver.
      expect((used.user + used.system) / 1000).toBeLessThan(TIMEOUT_MS / 3);
      expect(lstatSync(lock)).toBeDefined();
    });
  }
});
