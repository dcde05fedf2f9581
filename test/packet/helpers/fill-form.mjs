// Drive packet.html's fill-in form in headless Chromium over the DevTools
// protocol, as an office would: open it from file://, fill in the fields,
// press "Save response.json", and wait for the download. Run with
// `node --experimental-websocket` (Node 20 has no WebSocket by default):
//   node --experimental-websocket fill-form.mjs <chromium> <packet.html> <download-dir> <fields.json>
// Prints { exceptions, log, status, downloaded } as JSON.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [chromium, html, downloads, fieldsFile] = process.argv.slice(2);
const fields = JSON.parse(readFileSync(fieldsFile, "utf8"));
const profile = mkdtempSync(path.join(os.tmpdir(), "preclear-cdp-"));
const browser = spawn(
  chromium,
  [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    `--user-data-dir=${profile}`,
    "--remote-debugging-port=0",
    "about:blank",
  ],
  { detached: true, stdio: "ignore" },
);
const stop = () => {
  try {
    process.kill(-browser.pid, "SIGKILL");
  } catch {
    // gone
  }
  rmSync(profile, { recursive: true, force: true });
};
const timer = setTimeout(() => {
  stop();
  console.log(JSON.stringify({ error: "timed out" }));
  process.exit(1);
}, 60_000);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let portFile = path.join(profile, "DevToolsActivePort");
while (!existsSync(portFile) || readFileSync(portFile, "utf8").split("\n").length < 2)
  await sleep(50);
const [port, wsPath] = readFileSync(portFile, "utf8").split("\n");
const ws = new globalThis.WebSocket(`ws://127.0.0.1:${port}${wsPath}`);
await new Promise((resolve, reject) => {
  ws.onopen = resolve;
  ws.onerror = reject;
});
let nextId = 1;
const pending = new Map();
const listeners = [];
ws.onmessage = (event) => {
  const message = JSON.parse(event.data);
  if (message.id && pending.has(message.id)) {
    const { resolve, reject } = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) reject(new Error(JSON.stringify(message.error)));
    else resolve(message.result);
  } else {
    for (const listener of listeners) listener(message);
  }
};
const send = (method, params = {}, sessionId) =>
  new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
  });
const waitFor = (predicate) =>
  new Promise((resolve) => {
    listeners.push((message) => {
      if (predicate(message)) resolve(message);
    });
  });

const exceptions = [];
const log = [];
listeners.push((m) => {
  if (m.method === "Runtime.exceptionThrown")
    exceptions.push(
      m.params.exceptionDetails.text +
        " " +
        (m.params.exceptionDetails.exception?.description ?? ""),
    );
  if (m.method === "Log.entryAdded") log.push(`${m.params.entry.level}: ${m.params.entry.text}`);
  if (m.method === "Runtime.consoleAPICalled") log.push(`console.${m.params.type}`);
});

await send("Browser.setDownloadBehavior", {
  behavior: "allow",
  downloadPath: downloads,
  eventsEnabled: true,
});
const { targetId } = await send("Target.createTarget", { url: "about:blank" });
const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
await send("Runtime.enable", {}, sessionId);
await send("Log.enable", {}, sessionId);
await send("Page.enable", {}, sessionId);
const loaded = waitFor((m) => m.method === "Page.loadEventFired");
await send("Page.navigate", { url: pathToFileURL(html).href }, sessionId);
await loaded;

const done = waitFor(
  (m) => m.method === "Browser.downloadProgress" && m.params.state !== "inProgress",
);
const fill = `(() => {
  const form = document.getElementById("response-form");
  const fields = ${JSON.stringify(fields)};
  for (const [name, value] of Object.entries(fields)) {
    const field = form.elements.namedItem(name);
    if (!field) throw new Error("no field " + name);
    field.value = value;
  }
  document.getElementById("save-response").click();
  return document.getElementById("form-status").textContent;
})()`;
const result = await send("Runtime.evaluate", { expression: fill, returnByValue: true }, sessionId);
// Without the "Saved" message the page saved nothing: no download to wait for.
const saved = String(result.result?.value ?? "").startsWith("Saved");
const progress = saved
  ? await Promise.race([done, sleep(15_000).then(() => ({ params: { state: "none" } }))])
  : { params: { state: "none" } };
clearTimeout(timer);
ws.close();
stop();
console.log(
  JSON.stringify({
    exceptions,
    log,
    status: result.result?.value ?? result.exceptionDetails?.text,
    downloaded: progress.params.state,
  }),
);
