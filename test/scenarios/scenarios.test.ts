/**
 * End-to-end scenarios: every `*.yaml` under test/scenarios/ is one test.
 * Each holds the files a user has, the command they run, and the exit status
 * and output they should see (format: harness.ts and README.md here).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadScenario, runScenario } from "./harness.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));

function scenarioFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return scenarioFiles(full);
      return entry.isFile() && entry.name.endsWith(".yaml") ? [full] : [];
    })
    .sort();
}

const groups = new Map<string, string[]>();
for (const file of scenarioFiles(HERE)) {
  const group = path.relative(HERE, path.dirname(file)) || ".";
  groups.set(group, [...(groups.get(group) ?? []), file]);
}

test("there are scenarios", () => {
  expect(groups.size).toBeGreaterThan(0);
});

for (const [group, files] of groups) {
  describe(`scenarios/${group}`, () => {
    for (const file of files) {
      const scenario = loadScenario(file);
      const title = `${path.basename(file, ".yaml")}: ${scenario.description}`;
      const declare = scenario.knownBug ? test.failing : test;
      declare(
        scenario.knownBug ? `${title} (known bug: ${scenario.knownBug})` : title,
        async () => {
          const { result, problems } = await runScenario(scenario);
          if (problems.length > 0) {
            const report = [
              `${path.relative(HERE, file)}: ${scenario.command.join(" ")}`,
              ...problems.map((p) => `  - ${p}`),
              `exit status: ${result.code}`,
              `stdout:\n${result.stdout || "(empty)"}`,
              `stderr:\n${result.stderr || "(empty)"}`,
            ].join("\n");
            throw new Error(report);
          }
        },
      );
    }
  });
}
