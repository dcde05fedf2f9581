/**
 * Node built-ins that only some runs need, loaded on first use. Most are
 * free to import, but not all: node:zlib costs about 10 ms and
 * node:child_process 2 ms of a start-up that the bench holds to 1.5 × a bare
 * `node -e 0` — for a .docx draft and `git`, which most runs never touch.
 */
import type * as ChildProcess from "node:child_process";
import { createRequire } from "node:module";
import type * as WorkerThreads from "node:worker_threads";
import type * as Zlib from "node:zlib";

const requireBuiltin = createRequire(import.meta.url);

function lazy<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireBuiltin(name) as T);
}

export const zlib = lazy<typeof Zlib>("node:zlib");
export const workerThreads = lazy<typeof WorkerThreads>("node:worker_threads");
export const childProcess = lazy<typeof ChildProcess>("node:child_process");
