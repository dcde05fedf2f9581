import { execFileSync } from "node:child_process";
import { mkdtempSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = process.cwd();
const BIN = path.join(ROOT, "bin", "preclear.js");

/** Run bash with `preclear` on PATH, source the completion, and complete `line`. */
function complete(line: string, cwd = ROOT): string[] {
  const binDir = mkdtempSync(path.join(os.tmpdir(), "preclear-bin-"));
  symlinkSync(BIN, path.join(binDir, "preclear"));
  const words = line.split(" ");
  const script = [
    "source <(preclear completion bash)",
    `COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")})`,
    `COMP_CWORD=${words.length - 1}`,
    "_preclear",
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join("\n");
  const out = execFileSync("bash", ["-c", script], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, PATH: `${binDir}:${process.env.PATH}` },
  });
  return out.split("\n").filter(Boolean);
}

describe("bash completion", () => {
  it("completes `preclear che` to check", () => {
    const candidates = complete("preclear che");
    expect(candidates).toEqual(["check", "checklists"]);
    // bash inserts the longest common prefix of the candidates.
    const inserted = candidates.reduce((a, b) => {
      let i = 0;
      while (i < a.length && a[i] === b[i]) i++;
      return a.slice(0, i);
    });
    expect(inserted).toBe("check");
    expect(complete("preclear val")).toEqual(["validate"]);
  });

  it("completes flags of the command being typed", () => {
    expect(complete("preclear check --fa")).toEqual(["--fail-on"]);
  });

  it("completes checklist ids after --checklist", () => {
    expect(complete("preclear init --checklist usms")).toEqual(["usms-orr-communication"]);
  });

  it("completes the stakeholder ids of the draft being reviewed", () => {
    expect(complete("preclear review examples/zero-tolerance-2018.md --stakeholder usao-")).toEqual(
      ["usao-az", "usao-sdca", "usao-nm", "usao-sdtx", "usao-wdtx"],
    );
  });

  it("prints a zsh script too", () => {
    const out = execFileSync(process.execPath, [BIN, "completion", "zsh"], { encoding: "utf8" });
    expect(out).toContain("#compdef preclear");
    expect(out).toContain("preclear __complete");
  });
});
