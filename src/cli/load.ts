/**
 * Loading the CLI's code, for bin/preclear.js. `npm run build` bundles it
 * (rollup.config.mjs) into a few CommonJS files in dist/bundle/ and records
 * V8's code cache of each (src/build/warm-bundle.mjs), so a run neither
 * resolves a few hundred modules nor compiles again what the build compiled.
 * Without a current bundle this imports the modules tsc wrote: the same code.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import type * as Cli from "./main.js";

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BUNDLE_ENTRY = path.join(DIST, "bundle", "preclear.cjs");

export async function loadCli(): Promise<Pick<typeof Cli, "run">> {
  if (bundleIsCurrent()) return new BundleLoader().require(BUNDLE_ENTRY) as typeof Cli;
  return import("./main.js");
}

/**
 * Only a bundle made after tsc last wrote dist/ is used: after a bare `tsc`
 * (or a build that stopped before bundling) the bundle would be stale.
 */
function bundleIsCurrent(): boolean {
  try {
    return statSync(BUNDLE_ENTRY).mtimeMs >= statSync(path.join(DIST, "cli", "main.js")).mtimeMs;
  } catch {
    return false;
  }
}

type ModuleWrapper = (
  exports: unknown,
  require: (id: string) => unknown,
  module: { exports: unknown },
  filename: string,
  dirname: string,
) => void;

/**
 * A minimal CommonJS loader for the bundle's own files (`./chunk.cjs`), which
 * compiles each with its code cache; anything else goes to Node's require.
 */
export class BundleLoader {
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly scripts = new Map<string, vm.Script>();

  constructor(private readonly options: { useCache?: boolean } = {}) {}

  require(file: string): unknown {
    const loaded = this.modules.get(file);
    if (loaded) return loaded.exports;
    const module = { exports: {} as unknown };
    this.modules.set(file, module);
    const source = readFileSync(file, "utf8");
    const script = new vm.Script(
      `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
      { filename: file, cachedData: this.options.useCache === false ? undefined : cacheOf(file) },
    );
    this.scripts.set(file, script);
    const nodeRequire = createRequire(file);
    const requireHere = (id: string): unknown =>
      id.startsWith("./") ? this.require(path.join(path.dirname(file), id)) : nodeRequire(id);
    (script.runInThisContext() as ModuleWrapper)(
      module.exports,
      requireHere,
      module,
      file,
      path.dirname(file),
    );
    return module.exports;
  }

  /** Write the code cache of every file loaded so far: what V8 compiled while they ran. */
  writeCaches(): void {
    for (const [file, script] of this.scripts) {
      writeFileSync(`${file}.cache`, script.createCachedData());
    }
  }
}

/**
 * The code cache written with `file`, if not older than it. V8 itself refuses
 * a cache made by another V8 version or with other flags, or for a source of
 * another length; it then compiles the file as usual.
 */
function cacheOf(file: string): Buffer | undefined {
  const cache = `${file}.cache`;
  try {
    if (statSync(cache).mtimeMs < statSync(file).mtimeMs) return undefined;
    return readFileSync(cache);
  } catch {
    return undefined;
  }
}
