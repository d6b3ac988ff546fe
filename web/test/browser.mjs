// The browser build in a real browser: serves dist/ on localhost and drives Debian's headless
// Chromium (software WebGL2 through SwiftShader) with playwright-core. It checks that the page
// loads without console errors; that the title and then the map are drawn (screenshots that
// are not blank, with the night sky's colour where it belongs and many colours on the map); that
// keys start and advance the night; that the page plays the golden night to the very transcript
// the native build prints; that a dropped scenario file is played and a broken one shows its
// diagnostics; that the film's night played by itself reaches its ending and its record can be
// saved and downloaded; that settings and the gallery survive a reload; and that the saved
// night dropped back onto the page plays back to its ending. It prints the time to the first
// frame and frame times.
// Screenshots go to SHOTS (default target/web-shots).
// Usage: node web/test/browser.mjs   (after web/build.sh and `npm ci` in web/test)
import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import { decodePng, describe, colourAt } from "./png.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dist = path.join(root, "dist");
const shots = process.env.SHOTS ?? path.join(root, "target/web-shots");
fs.mkdirSync(shots, { recursive: true });
const read = (p) => fs.readFileSync(path.join(root, p), "utf8");
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".ron": "text/plain", ".json": "application/json" };

// Like web/serve.py: a file's precompressed copy (.br, then .gz) goes to a browser that accepts
// its encoding. What each file was sent as is kept for the checks.
const sentAs = {};
const server = http.createServer((req, res) => {
  const file = path.join(dist, decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/\/$/, "/index.html"));
  if (!file.startsWith(dist) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  const accepts = String(req.headers["accept-encoding"] ?? "").split(",").map((e) => e.trim().split(";")[0]);
  const [encoding, suffix] = [["br", ".br"], ["gzip", ".gz"]].find(([e, x]) => accepts.includes(e) && fs.existsSync(file + x)) ?? ["identity", ""];
  const body = file + suffix;
  const bytes = fs.statSync(body).size;
  sentAs[path.basename(file)] = { encoding, bytes };
  const headers = { "content-type": types[path.extname(file)] ?? "application/octet-stream", "content-length": bytes };
  if (suffix) Object.assign(headers, { "content-encoding": encoding, vary: "Accept-Encoding" });
  res.writeHead(200, headers);
  fs.createReadStream(body).pipe(res);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"],
});
const failures = [];
const fail = (m) => { failures.push(m); console.error(`FAIL: ${m}`); };
const check = (ok, m) => { if (!ok) fail(m); };
// The palette's night sky, srgb(0.03, 0.035, 0.07).
const SKY = [8, 9, 18];
const near = (a, b, by = 24) => a.every((v, i) => Math.abs(v - b[i]) <= by);
// The palette's pink, the title's colour.
const PINK = [255, 110, 190];
// How many pixels near `colour` a box holds (fractions of the width and height).
function count(image, colour, box) {
  const [x0, y0, x1, y1] = [box[0] * image.width, box[1] * image.height, box[2] * image.width, box[3] * image.height].map(Math.round);
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 3;
      if (near([image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]], colour, 40)) n++;
    }
  }
  return n;
}

const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
const page = await context.newPage();
const errors = [];
const logs = [];
page.on("console", (m) => {
  logs.push(m.text());
  if (m.type() === "error") errors.push(m.text());
});
page.on("pageerror", (e) => errors.push(String(e)));
page.on("response", (r) => { if (r.status() >= 400) errors.push(`${r.status()} for ${r.url()}`); });

async function shot(name) {
  const buffer = await page.screenshot({ path: path.join(shots, name) });
  return decodePng(buffer);
}
// Waits for a line in the console (the game logs through it), at most `seconds`.
async function logged(pattern, seconds) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    const line = logs.find((l) => pattern.test(l));
    if (line) return line;
    await page.waitForTimeout(250);
  }
  fail(`nothing like ${pattern} in the console within ${seconds} s`);
  return "";
}
async function load(address) {
  logs.length = 0;
  const began = Date.now();
  await page.goto(address);
  // Gone when the game draws; marked `failed` when the page gives up (then say why at once).
  await page.waitForFunction(() => {
    const loading = document.getElementById("loading");
    return !loading || loading.classList.contains("failed");
  }, null, { timeout: 240_000, polling: 100 });
  const failed = await page.$("#loading.failed");
  if (failed) {
    throw new Error(`the page could not start the game: ${(await failed.textContent()).trim()}\n${errors.join("\n")}`);
  }
  return Date.now() - began;
}
// How many pixels differ between two screenshots, in a box (fractions of the width and height).
function changed(a, b, box = [0, 0, 1, 1]) {
  const [x0, y0, x1, y1] = [box[0] * a.width, box[1] * a.height, box[2] * a.width, box[3] * a.height].map(Math.round);
  let differ = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * a.width + x) * 3;
      if (Math.abs(a.pixels[i] - b.pixels[i]) > 30) differ++;
    }
  }
  return differ;
}
async function drop(name, text) {
  await page.evaluate(([name, text]) => {
    const data = new DataTransfer();
    data.items.add(new File([text], name, { type: "text/plain" }));
    window.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  }, [name, text]);
}

try {
  // 1. The page loads and shows the title.
  const firstFrame = await load(url);
  console.log(`first frame: ${firstFrame} ms after the page began loading`);
  const wasm = sentAs["miracle-mile_bg.wasm"];
  const rawBytes = fs.statSync(path.join(dist, "miracle-mile_bg.wasm")).size;
  console.log(`the .wasm travelled as ${wasm?.encoding}: ${((wasm?.bytes ?? 0) / 1048576).toFixed(1)} MB of ${(rawBytes / 1048576).toFixed(1)} MB`);
  check(wasm && wasm.encoding !== "identity", `the .wasm is sent compressed to a browser that accepts it (sent as ${wasm?.encoding})`);
  // Where the time to the first frame went, by the page's clock: the .wasm's download, its
  // compilation (while it downloads, and after), the game's start, its app built, its first
  // update (the renderer ready), its first drawn title.
  const drawn = await logged(/first frame: the game started at \d+ ms, built its app at \d+ ms, ran its first update at \d+ ms and drew the title at \d+ ms/, 60);
  const [, started, built, updated, titled] = drawn.match(/started at (\d+) ms, built its app at (\d+) ms, ran its first update at (\d+) ms and drew the title at (\d+) ms/) ?? [];
  const { marks, html } = await page.evaluate(() => ({
    marks: Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name, Math.round(m.startTime)])),
    html: Math.round(performance.getEntriesByType("navigation")[0]?.responseEnd ?? 0),
  }));
  console.log(`first frame, by the page's clock: page ${html} ms, .wasm received ${marks["wasm-received"] ?? "?"} ms, compiled ${marks["wasm-compiled"] ?? "?"} ms, game started ${started} ms, app built ${built} ms, first update (renderer ready) ${updated} ms, title drawn ${titled} ms`);
  check(Number(started) <= Number(built) && Number(built) <= Number(updated) && Number(updated) <= Number(titled) && marks["wasm-compiled"] > 0, "the page and the game time their first frame (the marks and the game's \"first frame:\" line)");
  const files = await logged(/the player's files are in this browser's storage/, 30);
  check(/pace Brisk.*, 0 ending/.test(files), `a fresh browser starts with the default settings: ${files}`);
  await page.waitForTimeout(3000);
  const title = await shot("web-01-title.png");
  const t = describe(title, SKY);
  // The title in its pink display face, over the night city drifting behind it.
  check(count(title, PINK, [0.3, 0.15, 0.7, 0.35]) > 1500, `the title is written in pink (${count(title, PINK, [0.3, 0.15, 0.7, 0.35])} pixels)`);
  check(t.colours > 30, `the city is drawn behind the title (${t.colours} colours)`);

  // 2. A key begins the night (the second start, the call): the map.
  await page.locator("#miracle-mile").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("2");
  await page.waitForTimeout(6000);
  const sound = await page.evaluate(() => window.miracleMileSound());
  check(sound.length > 0 && sound.every((s) => s === "running"), `the sound runs after the first key: ${JSON.stringify(sound)}`);
  const night = await shot("web-02-night.png");
  const n = describe(night, SKY);
  check(n.colours > 40 && n.drawn > t.drawn, `the map is drawn (${n.colours} colours, ${(100 * n.drawn).toFixed(1)} % drawn)`);
  check(describe(night, SKY, [0.3, 0.3, 0.6, 0.7]).drawn > 0.03, "the map's middle has streets and places");
  // Frame times while the night plays (Bevy draws on the page's animation frames).
  const frames = await page.evaluate(() => new Promise((done) => {
    const times = [];
    let last = performance.now();
    const until = last + 8000;
    function frame(now) {
      times.push(now - last);
      last = now;
      if (now < until) requestAnimationFrame(frame); else done(times.slice(1));
    }
    requestAnimationFrame(frame);
  }));
  frames.sort((a, b) => a - b);
  const pct = (p) => frames[Math.min(frames.length - 1, Math.floor(p * frames.length))].toFixed(1);
  console.log(`frame time while playing: median ${pct(0.5)} ms, p95 ${pct(0.95)} ms over ${frames.length} frames`);
  // Tab turns the pace to turn-based (a setting, kept); then an action advances the night.
  await page.keyboard.press("Tab");
  await page.waitForTimeout(2000);
  const before = await shot("web-03-turn-based.png");
  await page.keyboard.press("1");
  await page.waitForTimeout(5000);
  const after = await shot("web-04-after-an-action.png");
  // The chronicle under the map gains the action's lines; the clock moves on.
  const chronicle = changed(before, after, [0, 0.8, 0.8, 0.98]);
  const clock = changed(before, after, [0, 0, 0.09, 0.06]);
  check(chronicle > 300 && clock > 50, `an action's key plays it: the chronicle (${chronicle} pixels) and the clock (${clock}) change`);

  // 3. The same night on every platform: the golden transcript.
  const transcript = await page.evaluate(() => window.miracleMile.goldenTranscript());
  const golden = read("tests/golden/film_into_the_tar.txt");
  if (transcript !== golden) {
    const a = transcript.split("\n"), b = golden.split("\n");
    const k = a.findIndex((l, i) => l !== b[i]);
    fail(`the browser's golden night differs from tests/golden/film_into_the_tar.txt at line ${k + 1}:\n  browser: ${a[k]}\n  native:  ${b[k]}`);
  } else {
    console.log(`golden night: the browser prints the native transcript exactly (${golden.split("\n").length - 1} lines)`);
  }

  // 4. A broken scenario dropped onto the page: its diagnostics, and the game plays on.
  await drop("invalid_time_25.ron", read("tests/broken/invalid_time_25.ron"));
  await page.waitForSelector("#diagnostics.shown", { timeout: 10_000 });
  const diagnostics = await page.locator("#diagnostics-text").textContent();
  check(/invalid_time_25\.ron:6:16/.test(diagnostics) && /25:00/.test(diagnostics), `the diagnostics say where and what: ${diagnostics}`);
  await page.waitForTimeout(1500);
  await shot("web-05-broken-file.png");
  await page.locator("#diagnostics-close").click();

  // 5. A good one: the game opens it on its title, and it plays.
  await drop("last_ferry.ron", read("scenes/examples/last_ferry.ron"));
  await logged(/opened last_ferry\.ron: /, 10);
  await page.waitForTimeout(3000);
  const ferryTitle = await shot("web-06-dropped-file.png");
  check(changed(title, ferryTitle) > 2000, "the dropped scenario's title replaces the film's");
  await page.keyboard.press("1");
  await page.waitForTimeout(5000);
  const ferryNight = await shot("web-07-dropped-night.png");
  check(describe(ferryNight, SKY).colours > 30, "the dropped scenario's night is drawn");
  // A city map dropped onto the page: a broken one says where it is wrong, a good one is kept
  // for the scenarios that name it.
  await drop("harbour.city.ron", 'CityMap(\n  lamp_spacing: "far")');
  const brokenMap = await logged(/harbour\.city\.ron has errors/, 10);
  check(/harbour\.city\.ron has errors/.test(brokenMap), "a broken city map is refused");
  await drop("harbour.city.ron", "CityMap(lamp_spacing: 30)");
  await logged(/opened the city map harbour/, 10);

  // 6. The film's night, played by itself in the page, to its ending.
  await load(`${url}?script=film&seed=1&start=the_call&pace=turn&shots=04:01,04:10,04:57,05:08:30`);
  // The same moments as scripts/screenshots: the payphone ringing, the diner, the crowd, the
  // helicopter in the air.
  for (const moment of ["0401", "0410", "0457", "050830"]) {
    await logged(new RegExp(`capture: the night-${moment} is on screen`), 300);
    await page.waitForTimeout(1200);
    const picture = await shot(`web-08-night-${moment}.png`);
    check(describe(picture, SKY).colours > 40, `the map at ${moment} is drawn`);
  }
  const done = await logged(/capture: done, ending: /, 600);
  check(/ending: into_the_tar/.test(done), `the film's night ends in the tar: ${done}`);
  await page.waitForTimeout(1000);
  const ending = await shot("web-08-ending.png");
  check(describe(ending, SKY).colours > 40, "the ending screen is drawn");
  // [S] saves the night's record in the browser's storage; the page offers it as a file.
  await page.locator("#miracle-mile").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("s");
  await page.waitForSelector("#records:not([hidden])", { timeout: 15_000 });
  const downloading = page.waitForEvent("download", { timeout: 15_000 });
  await page.locator("#records").selectOption({ index: 1 });
  const download = await downloading;
  const recordPath = path.join(shots, download.suggestedFilename());
  await download.saveAs(recordPath);
  const record = fs.readFileSync(recordPath, "utf8");
  check(/seed: 1,/.test(record) && /start: "the_call"/.test(record) && /into_the_tar/.test(record), `the saved night downloads as its record (${recordPath})`);
  // The same night everywhere: the native build replays the browser's record to its ending.
  const native = process.env.MIRACLE_MILE ?? path.join(root, "target/ci/miracle-mile");
  if (fs.existsSync(native)) {
    const replay = spawnSync(native, ["replay", "--verify", recordPath], { encoding: "utf8" });
    check(replay.status === 0, `the native build verifies the browser's record: ${replay.stdout.slice(-300)}${replay.stderr}`);
    if (replay.status === 0) console.log(`record: ${replay.stdout.trim().split("\n").pop()}`);
  } else {
    console.log(`record: no native build at ${native} to verify it with (set MIRACLE_MILE)`);
  }

  // 7. Reloaded: the settings (turn-based) and the gallery (the tar) are still there.
  await load(url);
  const kept = await logged(/the player's files are in this browser's storage/, 30);
  check(/pace Turn-based, 1 ending\(s\) in the gallery/.test(kept), `settings and gallery survive a reload: ${kept}`);
  await page.waitForTimeout(3000);
  await shot("web-09-after-reload.png");

  // 8. The saved night dropped back onto the page plays back on the map to its end.
  await drop(path.basename(recordPath), record);
  await logged(/playing back miracle_mile-seed1-into_the_tar\.ron/, 10);
  const ended = await logged(/the night is over at 05:09: ending into_the_tar/, 300);
  check(ended !== "", "the dropped record plays back to its last minute");
  await page.waitForTimeout(3000);
  await shot("web-10-played-back.png");

  for (const e of errors) fail(`console error: ${e}`);
} finally {
  await browser.close();
  server.close();
}
console.log(failures.length ? `${failures.length} failure(s)` : "browser test: ok");
process.exit(failures.length ? 1 : 0);
