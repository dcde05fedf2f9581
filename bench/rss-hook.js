/**
 * Preloaded by bench/run.js (`node --import bench/rss-hook.js bin/preclear.js …`):
 * writes the process's peak resident set size (KiB) to the file named by
 * PRECLEAR_BENCH_RSS_FILE when the process exits.
 */
import { writeFileSync } from "node:fs";

const file = process.env.PRECLEAR_BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}

// PRECLEAR_BENCH_USAGE_FILE: peak RSS (KiB) and CPU time (user + system, ms) as JSON.
const usageFile = process.env.PRECLEAR_BENCH_USAGE_FILE;
if (usageFile) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(
      usageFile,
      JSON.stringify({
        maxRssKiB: usage.maxRSS,
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      }),
    );
  });
}
