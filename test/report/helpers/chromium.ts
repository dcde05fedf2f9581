/**
 * Headless Chromium (the Debian `chromium` package) driven from its command
 * line: dump the DOM after load, take a screenshot, print to PDF. Each run
 * gets its own profile directory and process group, and the whole group is
 * killed when the run ends or times out, so no browser outlives a test.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const CHROMIUM = process.env.PRECLEAR_CHROMIUM ?? "/usr/bin/chromium";

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export interface ChromiumRun {
  /** The browser's process id, which is also its process group id. */
  pid: number | undefined;
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Messages the page logged to its console (CSP violations included). */
  console: string[];
  /** URLs the page itself requested over the network (from the net log). */
  requests: string[];
}

/** Flags that keep the browser quiet: no sync, no updates, no first-run, no GPU. */
function baseFlags(profile: string, netLog: string): string[] {
  return [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
    "--hide-scrollbars",
    `--user-data-dir=${profile}`,
    "--enable-logging=stderr",
    "--v=0",
    `--log-net-log=${netLog}`,
    "--net-log-capture-mode=Default",
  ];
}

/**
 * Run Chromium on a local HTML file with extra flags (`--dump-dom`,
 * `--screenshot=…`, `--print-to-pdf=…`).
 */
export function runChromium(
  htmlFile: string,
  flags: string[],
  timeoutMs = 60_000,
): Promise<ChromiumRun> {
  const profile = mkdtempSync(path.join(os.tmpdir(), "preclear-chromium-"));
  const netLog = path.join(profile, "netlog.json");
  const child = spawn(
    CHROMIUM,
    [...baseFlags(profile, netLog), ...flags, pathToFileURL(htmlFile).href],
    { detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const killGroup = () => {
    try {
      // The browser's own process group (it was started detached): the
      // renderer, GPU and zygote processes go with it.
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      killGroup();
      rmSync(profile, { recursive: true, force: true });
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      killGroup();
      let requests: string[];
      try {
        requests = pageRequests(netLog);
      } catch {
        requests = ["(the net log could not be read)"];
      }
      rmSync(profile, { recursive: true, force: true });
      resolve({
        pid: child.pid,
        code,
        stdout,
        stderr,
        timedOut,
        console: stderr.split("\n").filter((line) => /:CONSOLE[:(]/.test(line)),
        requests,
      });
    });
  });
}

/**
 * Network requests made on behalf of a page loaded from a file: the net log
 * records the browser's own background traffic too, which is told apart by
 * its network isolation key (the page's requests carry `file://`).
 */
function pageRequests(netLog: string): string[] {
  if (!existsSync(netLog)) return [];
  let log: {
    constants: { logEventTypes: Record<string, number> };
    events: Array<{ type: number; params?: Record<string, unknown> }>;
  };
  try {
    log = JSON.parse(readFileSync(netLog, "utf8")) as typeof log;
  } catch {
    // Chromium killed before it closed the JSON array: finish it.
    const text = readFileSync(netLog, "utf8").replace(/,?\s*$/, "");
    log = JSON.parse(`${text}]}`) as typeof log;
  }
  const start = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  const urls = new Set<string>();
  for (const event of log.events) {
    if (event.type !== start || !event.params) continue;
    const url = String(event.params.url ?? "");
    const key = String(event.params.network_isolation_key ?? "");
    const initiator = String(event.params.initiator ?? "");
    const fromPage = key.includes("file://") || (initiator !== "not an origin" && initiator !== "");
    if (fromPage && !url.startsWith("file:") && !url.startsWith("data:")) urls.add(url);
  }
  return [...urls].sort();
}

/**
 * Is any process of this process group still running? Zombies do not count:
 * they are dead, only not yet reaped (a container's init may never reap them).
 */
export function groupAlive(pgid: number): boolean {
  if (!existsSync("/proc/self/stat")) {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // Gone meanwhile.
    }
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(pgrp) === pgid && state !== "Z" && state !== "X") return true;
  }
  return false;
}

/** Width and height of a PNG, from its IHDR chunk. */
export function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  if (bytes.subarray(0, 8).toString("hex") !== "89504e470d0a1a0a") {
    throw new Error(`${file} is not a PNG`);
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
