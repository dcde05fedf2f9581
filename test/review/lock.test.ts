import { readFile, stat, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { LockTimeoutError, withLock } from "../../src/review/lock.js";
import { tempDir } from "./helpers.js";

/** Larger than any pid_max: no such process can exist. */
const DEAD_PID = 2 ** 30;

async function resource() {
  const dir = await tempDir();
  const file = path.join(dir, "memo.review.yaml");
  return { dir, file, lockFile: `${file}.lock` };
}

describe("withLock", () => {
  test("holds <review>.lock with pid, host and time while running, and removes it after", async () => {
    const { file, lockFile } = await resource();
    const inside = await withLock(file, async () => JSON.parse(await readFile(lockFile, "utf8")));
    expect(inside).toEqual({
      pid: process.pid,
      host: hostname(),
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    await expect(stat(lockFile)).rejects.toMatchObject({ code: "ENOENT" });
  });

  test("releases the lock when the work fails", async () => {
    const { file, lockFile } = await resource();
    await expect(withLock(file, async () => Promise.reject(new Error("boom")))).rejects.toThrow(
      "boom",
    );
    await expect(stat(lockFile)).rejects.toMatchObject({ code: "ENOENT" });
  });

  test("lets one holder in at a time", async () => {
    const { file } = await resource();
    let inside = 0;
    let most = 0;
    const work = () =>
      withLock(file, async () => {
        inside++;
        most = Math.max(most, inside);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inside--;
      });
    await Promise.all(Array.from({ length: 10 }, work));
    expect(most).toBe(1);
  });

  test("removes a lock left by a process that no longer exists on this host", async () => {
    const { file, lockFile } = await resource();
    await writeFile(
      lockFile,
      JSON.stringify({ pid: DEAD_PID, host: hostname(), at: new Date().toISOString() }),
    );
    await expect(withLock(file, async () => "ran", { timeoutMs: 500 })).resolves.toBe("ran");
  });

  test("removes a lock older than the stale limit, even from another host", async () => {
    const { file, lockFile } = await resource();
    const old = new Date(Date.now() - 120_000);
    await writeFile(
      lockFile,
      JSON.stringify({ pid: 4242, host: "elsewhere.example", at: old.toISOString() }),
    );
    await utimes(lockFile, old, old);
    await expect(withLock(file, async () => "ran", { timeoutMs: 500 })).resolves.toBe("ran");
  });

  test("a live lock times out with a message naming the lock, its holder and the way out", async () => {
    const { file, lockFile } = await resource();
    const held = JSON.stringify({
      pid: 4242,
      host: "elsewhere.example",
      at: "2018-03-20T14:02:11.000Z",
    });
    await writeFile(lockFile, held);
    const now = new Date();
    await utimes(lockFile, now, now);
    const waits: unknown[] = [];

    const error = await withLock(file, async () => "ran", {
      timeoutMs: 150,
      staleMs: 60_000,
      onWait: (holder) => waits.push(holder),
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as Error).message).toBe(
      `timed out after 150 ms waiting for ${lockFile} (held by process 4242 on elsewhere.example since ` +
        "2018-03-20T14:02:11.000Z); if no other preclear is running, delete that file and try again",
    );
    expect(waits).toEqual([
      { pid: 4242, host: "elsewhere.example", at: "2018-03-20T14:02:11.000Z" },
    ]);
    expect(await readFile(lockFile, "utf8")).toBe(held);
  });

  test("a lock held by this very process is live, not stale", async () => {
    const { file } = await resource();
    await withLock(file, async () => {
      await expect(withLock(file, async () => "nested", { timeoutMs: 100 })).rejects.toBeInstanceOf(
        LockTimeoutError,
      );
    });
  });
});
