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
