/**
 * Preloaded into the preclear child (`node --import this bin/preclear.js …`)
 * by measure.ts: when the process exits, write what the kernel says it used —
 * peak resident memory (getrusage ru_maxrss) and CPU time — to the file named
 * by PRECLEAR_USAGE_FILE. The whole process is measured, start-up included.
 */
import { writeFileSync } from "node:fs";

const target = process.env.PRECLEAR_USAGE_FILE;
if (target) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(
      target,
      JSON.stringify({
        maxRssBytes: usage.maxRSS * 1024,
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      }),
    );
  });
}
