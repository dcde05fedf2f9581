import type { FileHandle } from "node:fs/promises";
import {
  chmod,
  lstat,
  readdir,
  readFile,
  readlink,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import path from "node:path";
import { AtomicWriteError, writeFileAtomic } from "../../src/review/atomic.js";
import { tempDir } from "./helpers.js";

async function reviewFile(content = "status: open\n") {
  const dir = await tempDir();
  const file = path.join(dir, "memo.review.yaml");
  await writeFile(file, content);
  return { dir, file };
}

describe("writeFileAtomic", () => {
  test("replaces the content and leaves nothing else in the directory", async () => {
    const { dir, file } = await reviewFile();
    await writeFileAtomic(file, "status: satisfied\n");
    expect(await readFile(file, "utf8")).toBe("status: satisfied\n");
    expect(await readdir(dir)).toEqual(["memo.review.yaml"]);
  });

  test("creates a file that does not exist yet", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "new.review.yaml");
    await writeFileAtomic(file, "kind: Review\n");
    expect(await readFile(file, "utf8")).toBe("kind: Review\n");
  });

  test("a write that fails midway leaves the original intact and no temporary file", async () => {
    const { dir, file } = await reviewFile();
    let tempSeen: string[] = [];
    const failing = async (handle: FileHandle, data: string) => {
      await handle.writeFile(data.slice(0, 3), "utf8");
      tempSeen = (await readdir(dir)).filter((n) => n.endsWith(".tmp"));
      throw new Error("EIO: i/o error, write");
    };

    const error = await writeFileAtomic(file, "status: satisfied\n", {
      fs: { write: failing },
    }).catch((e) => e);

    expect(error).toBeInstanceOf(AtomicWriteError);
    expect(error.message).toBe(
      `could not save ${file}: EIO: i/o error, write; the file was left unchanged`,
    );
    expect(tempSeen).toEqual([
      expect.stringMatching(/^\.memo\.review\.yaml\.\d+\.[0-9a-f]{12}\.tmp$/),
    ]);
    expect(await readFile(file, "utf8")).toBe("status: open\n");
    expect(await readdir(dir)).toEqual(["memo.review.yaml"]);
  });

  test.each(["sync", "rename"] as const)(
    "a failing %s leaves the original intact and no temporary file",
    async (step) => {
      const { dir, file } = await reviewFile();
      const fail = async () => {
        throw new Error(`${step} failed`);
      };
      await expect(
        writeFileAtomic(file, "status: satisfied\n", { fs: { [step]: fail } }),
      ).rejects.toThrow(`${step} failed`);
      expect(await readFile(file, "utf8")).toBe("status: open\n");
      expect(await readdir(dir)).toEqual(["memo.review.yaml"]);
    },
  );

  test("keeps the file's mode", async () => {
    const { file } = await reviewFile();
    await chmod(file, 0o640);
    await writeFileAtomic(file, "status: satisfied\n");
    expect((await stat(file)).mode & 0o7777).toBe(0o640);
  });

  test("writes through a symlink to its target and keeps the link", async () => {
    const { dir: targetDir, file: target } = await reviewFile();
    const linkDir = await tempDir();
    const link = path.join(linkDir, "memo.review.yaml");
    await symlink(path.relative(linkDir, target), link);

    await writeFileAtomic(link, "status: satisfied\n");

    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(path.relative(linkDir, target));
    expect(await readFile(target, "utf8")).toBe("status: satisfied\n");
    expect(await readdir(linkDir)).toEqual(["memo.review.yaml"]);
    expect(await readdir(targetDir)).toEqual(["memo.review.yaml"]);
  });

  test("a dangling symlink gets its target created", async () => {
    const dir = await tempDir();
    const link = path.join(dir, "memo.review.yaml");
    await symlink("real.review.yaml", link);
    await writeFileAtomic(link, "kind: Review\n");
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(path.join(dir, "real.review.yaml"), "utf8")).toBe("kind: Review\n");
  });
});
