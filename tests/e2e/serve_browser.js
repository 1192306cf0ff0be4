// `nagare serve` in a real headless Chromium (playwright-core): a clerk's edit from the forms
// to the file on disk, two tabs' edits merged and a conflict refused by name, a measure's
// procedure and scope, a hostile label, a path outside the directory, no
// request leaving the machine, and the time of a redraw. Run by serve_browser_test.sh.
"use strict";
const { chromium } = require("playwright-core");
const fs = require("fs");

const [url, dir, seed, hostile, big, screenshot] = process.argv.slice(2);
let failures = 0, passed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; } else { failures++; console.log("FAIL " + name + (detail ? ": " + detail : "")); }
}

async function openEditor(page, file) {
  await page.goto(url + "#file=" + encodeURIComponent(file));
  // The figure drawn for this file, not the one of the file shown before.
  await page.waitForFunction((name) => document.getElementById("figure").dataset.file === name &&
      document.querySelector("#figure svg"), file, { timeout: 60000 });
}
async function findingIds(page) {
  return page.$$eval("#findings li[data-finding]", items => items.map(i => i.dataset.finding));
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.NAGARE_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  // The page's Content-Security-Policy forbids eval, which playwright's waitForFunction uses.
  // Bypassing it also shows that a hostile label stays text by escaping alone; the header
  // itself is checked below.
  const context = await browser.newContext({ viewport: { width: 1500, height: 1000 },
                                             bypassCSP: true });
  const outside = [];
  await context.route("**/*", route => {
    const target = new URL(route.request().url());
    if (target.hostname !== "127.0.0.1") { outside.push(target.href); return route.abort(); }
    return route.continue();
  });
  const page = await context.newPage();
  const pageErrors = [];
  page.on("pageerror", error => pageErrors.push(String(error)));
  page.on("dialog", dialog => { pageErrors.push("dialog: " + dialog.message()); dialog.dismiss(); });

  // The start page lists the models by their papers' titles.
  const response = await page.goto(url);
  const policy = response.headers()["content-security-policy"] || "";
  check("the page forbids scripts from elsewhere and inline", policy.includes("default-src 'self'") &&
        !/script-src[^;]*unsafe-inline/.test(policy), policy);
  await page.waitForSelector("#models li");
  const titles = await page.$$eval("#models a", links => links.map(a => a.textContent));
  check("start page lists the seed by its title",
        titles.includes("配偶者暴力相談支援センターDV相談ダイヤル業務に係る外部結合等について"),
        JSON.stringify(titles));

  // Open the seed, add a flow through the forms, see the figure and the findings change.
  await page.click("#models a >> text=配偶者暴力相談支援センター");
  await page.waitForSelector("#figure svg", { timeout: 30000 });
  await page.waitForLoadState("networkidle");
  const before = await findingIds(page);
  const edgesBefore = await page.$$eval("#figure svg g.edge", g => g.length);
  await page.click("#add-flows");
  const form = page.locator("#section-flows details.current");
  await form.locator('select[name="from"]').selectOption({ label: "委託先のパソコン" });
  await form.locator('select[name="to"]').selectOption({ label: "区イントラネットパソコン" });
  await form.locator('input[name="label"]').fill("報告書の郵送テスト");
  await page.waitForFunction(() => [...document.querySelectorAll("#figure svg text")]
      .some(t => t.textContent.includes("報告書の郵送テスト")), null, { timeout: 30000 });
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  const after = await findingIds(page);
  const edgesAfter = await page.$$eval("#figure svg g.edge", g => g.length);
  check("the figure draws the new flow", edgesAfter > edgesBefore, edgesBefore + " -> " + edgesAfter);
  const added = after.filter(id => !before.includes(id));
  check("the new flow's finding is listed", added.includes("means-unstated@flow.flow-1"),
        JSON.stringify(added));

  // A finding leads to its flow's form and lights the flow on the figure; a flow on the
  // figure opens its form.
  await page.click('#findings li[data-finding="means-unstated@flow.flow-1"]');
  const lit = await page.$$eval("#figure svg .lit", g => g.length);
  check("a finding lights its flow on the figure", lit > 0);
  const current = await page.$eval("#section-flows details.current summary", s => s.textContent);
  check("a finding opens its flow's form", current.includes("報告書の郵送テスト"), current);
  await page.click("#section-paper h3");
  await page.locator("#figure svg g.edge").first().click({ force: true });
  const opened = await page.$$eval("#section-flows details.current", d => d.length);
  check("a flow clicked on the figure opens its form", opened === 1);

  // Validation as you type: the loader's own message under the form.
  const flowForms = page.locator("#section-flows details");
  const newForm = flowForms.last();
  await newForm.locator('select[name="to"]').selectOption("");
  await page.waitForSelector("#diagnostics li.problem", { timeout: 30000 });
  const diagnostic = await page.$eval("#diagnostics li.problem", li => li.textContent);
  check("a missing recipient is reported as the CLI does", /to/.test(diagnostic), diagnostic);
  await newForm.locator('select[name="to"]').selectOption({ label: "区イントラネットパソコン" });
  await page.waitForFunction(() => !document.querySelector("#diagnostics li.problem"), null,
                             { timeout: 30000 }).catch(async () => {
    check("the message goes when the recipient is chosen again", false,
          await page.$eval("#diagnostics", ul => ul.textContent));
  });

  // A second tab opens the same file before the first saves.
  const second = await context.newPage();
  await openEditor(second, seed);

  await page.click("#save");
  await page.waitForFunction(() => document.getElementById("status").textContent === "保存しました");
  check("saved", true);
  // The file as this first save wrote it: serve_browser_test.sh compares it with a
  // hand-written one.
  fs.copyFileSync(dir + "/" + seed, dir + "/first-save.txt");

  // The second tab, opened before that save, edits another entity (the paper's department):
  // its save merges with the first tab's new flow.
  await second.fill("#section-paper input[name=\"department\"]", "男女共同参画課（別の画面）");
  await second.click("#save");
  await second.waitForFunction(() => document.getElementById("status").textContent.startsWith("保存しました"),
                               null, { timeout: 30000 });
  const merged = await second.$eval("#status", s => s.textContent);
  check("the second save is merged with the first", merged.includes("合わせました"), merged);
  let onDisk = fs.readFileSync(dir + "/" + seed, "utf8");
  check("the merged file holds both edits", onDisk.includes("報告書の郵送テスト") &&
        onDisk.includes("男女共同参画課（別の画面）"));
  const flowsInSecond = await second.$$eval("#section-flows details summary", s => s.map(x => x.textContent));
  check("the second tab shows the first tab's flow after the merge",
        flowsInSecond.some(t => t.includes("報告書の郵送テスト")), JSON.stringify(flowsInSecond));

  // The first tab now edits the same key: refused, naming it; nothing is overwritten.
  await page.fill("#section-paper input[name=\"department\"]", "男女共同参画課（最初の画面）");
  await page.click("#save");
  await page.waitForFunction(() => document.getElementById("status").className === "error");
  const conflict = await page.$eval("#status", s => s.textContent);
  check("a save over the same entity is refused by name", conflict.includes("別の画面か別の人が保存") &&
        conflict.includes("付議事項の概要「担当課」") && conflict.includes("両方で変更"), conflict);
  onDisk = fs.readFileSync(dir + "/" + seed, "utf8");
  check("the conflicting save wrote nothing", !onDisk.includes("（最初の画面）"));
  await page.click("#reload");
  await page.waitForFunction(() => document.querySelector('#section-paper input[name="department"]')
      .value === "男女共同参画課（別の画面）", null, { timeout: 30000 }).catch(() => {});
  const reloaded = await page.$eval('#section-paper input[name="department"]', i => i.value);
  check("the first tab reloads the file as saved", reloaded === "男女共同参画課（別の画面）", reloaded);
  await page.waitForSelector("#figure svg", { timeout: 30000 });

  // Every key of a measure and a certification's year through the forms.
  const box = page.locator("#form-orgs-4");
  await box.locator("summary").click();
  await box.locator('input[name="since"][data-kind="ISMS"]').fill("2019");
  const firstMark = box.locator(".measure").first();
  await firstMark.locator('select[name="procedure"]').selectOption("outsourcing");
  await firstMark.locator('input[name="scope"]').fill("区から貸与された資料");
  await page.waitForLoadState("networkidle");
  await page.click("#save");
  await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("保存しました"),
                             null, { timeout: 30000 });
  onDisk = fs.readFileSync(dir + "/" + seed, "utf8");
  check("a certification's year from the forms", onDisk.includes('certifications = [{ kind = "ISMS", since = 2019 }]'));
  check("a measure's procedure and scope from the forms", onDisk.includes(
      '{ id = "comply-law-policy", by = "ward", procedure = "outsourcing", scope = "区から貸与された資料" }'));
  await second.reload();
  await second.waitForSelector("#form-orgs-4 summary", { timeout: 30000 });
  await second.click("#form-orgs-4 summary");
  const scopeShown = await second.$eval("#form-orgs-4 .measure input[name=\"scope\"]", i => i.value);
  check("the scope comes back into the form", scopeShown === "区から貸与された資料", scopeShown);

  // A hostile label is shown as text and never runs.
  await openEditor(page, hostile);
  await page.waitForLoadState("networkidle");
  await page.click("#section-flows summary");
  const pwned = await page.evaluate(() => window.__pwned);
  check("a hostile label does not execute", pwned === undefined && pageErrors.length === 0,
        JSON.stringify(pageErrors));
  const heading = await page.$eval("#paper-title", h => h.textContent);
  check("a hostile title is shown as text", heading.includes("<img src=x onerror="), heading);
  const injected = await page.$$eval("img, iframe, object, embed", nodes => nodes.length);
  check("no element comes from model text", injected === 0, String(injected));

  // Paths outside the directory are refused, with the page's own token.
  const statuses = await page.evaluate(async () => {
    const token = document.querySelector('meta[name="nagare-token"]').content;
    const out = {};
    for (const file of ["../outside.toml", "/etc/passwd", "link-out.toml", "sub/../../outside.toml",
                        "notes.txt"]) {
      const response = await fetch("/api/model?file=" + encodeURIComponent(file),
                                   { headers: { "X-Nagare-Token": token } });
      out[file] = response.status;
    }
    const write = await fetch("/api/save", { method: "POST", headers: { "Content-Type": "application/json" },
                                             body: JSON.stringify({ file: "x.toml" }) });
    out["save without token"] = write.status;
    return out;
  });
  check("paths outside the directory are refused",
        Object.entries(statuses).every(([file, status]) => status === 404 ||
          (file === "save without token" && status === 403)), JSON.stringify(statuses));

  // A redraw after an edit of a committee-sized model.
  await openEditor(page, big);
  await page.waitForLoadState("networkidle");
  const times = [];
  for (let i = 0; i < 5; ++i) {
    times.push(await page.evaluate(async (n) => {
      // The page's own model, edited as the department field would edit it.
      state.model.paper.department = (state.model.paper.department || "") + n;
      const start = performance.now();
      const response = await fetch("/api/preview", { method: "POST",
        headers: { "X-Nagare-Token": token, "Content-Type": "application/json" },
        body: JSON.stringify({ file: state.file, model: state.model }) });
      const data = await response.json();
      if (!data.svg) throw new Error("no figure");
      return performance.now() - start;
    }, i));
  }
  const median = times.sort((a, b) => a - b)[2];
  console.log("redraw of " + big + " after typing: median " + median.toFixed(0) + " ms of " +
              times.map(t => t.toFixed(0)).join(", "));
  // A new flow changes the figure's shape: the renderer chooses its layout afresh.
  const shaped = [];
  for (let i = 0; i < 5; ++i) {
    shaped.push(await page.evaluate(async (n) => {
      const nodes = state.model.nodes;
      state.model.flows.push({ id: "timing-" + n, from: nodes[n].id, to: nodes[n + 1].id });
      const start = performance.now();
      const response = await fetch("/api/preview", { method: "POST",
        headers: { "X-Nagare-Token": token, "Content-Type": "application/json" },
        body: JSON.stringify({ file: state.file, model: state.model }) });
      const data = await response.json();
      if (!data.svg) throw new Error("no figure");
      return performance.now() - start;
    }, i));
  }
  const shapedMedian = shaped.sort((a, b) => a - b)[2];
  console.log("redraw of " + big + " after adding a flow: median " + shapedMedian.toFixed(0) +
              " ms of " + shaped.map(t => t.toFixed(0)).join(", "));
  // The times are a measurement, printed; a test that fails on a busy machine would prove
  // nothing. NAGARE_JUDGE_REDRAW=1 judges the 0.3 s bound, for a quiet machine.
  if (process.env.NAGARE_JUDGE_REDRAW === "1") {
    check("a redraw returns in under 0.3 s", median < 300, median.toFixed(0) + " ms");
    check("a redraw after a new flow returns in under 0.3 s", shapedMedian < 300,
          shapedMedian.toFixed(0) + " ms");
  }

  // A finding accepted through the forms prints as accepted, with its reason.
  const third = await context.newPage();
  await openEditor(third, big);
  await third.waitForLoadState("networkidle");
  const open = await findingIds(third);
  await third.click("#add-accept");
  const acceptForm = third.locator("#section-accept details.current");
  await acceptForm.locator('select[name="finding"]').selectOption(open[0]);
  await acceptForm.locator('textarea[name="justification"]').fill("委託契約書で担保する");
  await third.waitForFunction((id) => [...document.querySelectorAll("#findings li[data-finding]")]
      .some(li => li.dataset.finding === id && li.textContent.includes("受容: 委託契約書で担保する")),
      open[0], { timeout: 30000 }).then(() => check("an acceptance from the forms", true),
        () => check("an acceptance from the forms", false, open[0]));
  await third.close();

  check("no request leaves the machine", outside.length === 0, JSON.stringify(outside));

  if (screenshot) {
    // A fresh tab: the editor as a clerk first sees it, with one finding followed.
    await second.close();
    const shot = await context.newPage();
    await openEditor(shot, seed);
    await shot.waitForLoadState("networkidle");
    await shot.click('#findings li[data-finding="means-unstated@flow.flow-1"]');
    await shot.waitForTimeout(500);
    await shot.screenshot({ path: screenshot, timeout: 120000 });
  }
  // A colleague's browser and the password (--password-file): no bypass of the page's
  // policy here, as in a clerk's browser.
  const loginUrl = process.env.NAGARE_LOGIN_URL;
  if (loginUrl) {
    const plain = await browser.newContext();
    const login = await plain.newPage();
    const loginErrors = [];
    login.on("pageerror", error => loginErrors.push(String(error)));
    // (The 401 of the wrong password is logged by the browser as a failed load: not an error.)
    login.on("console", message => {
      if (message.type() === "error" && !message.text().includes("401")) loginErrors.push(message.text());
    });
    await login.goto(loginUrl);
    check("the login page asks for the password", (await login.$$("#password")).length === 1);
    await login.fill("#password", "wrong-password");
    await Promise.all([login.waitForNavigation(), login.click("#login-button")]);
    const refused = await login.textContent("#login-message");
    check("a wrong password is refused on the page", refused.includes("パスワードが違います"), refused);
    await login.fill("#password", process.env.NAGARE_LOGIN_PASSWORD);
    await Promise.all([login.waitForNavigation(), login.click("#login-button")]);
    const listed = await login.waitForSelector("#models li", { timeout: 30000 }).then(() => true, () => false);
    check("the right password opens the list of models", listed);
    const cookies = await plain.cookies();
    const session = cookies.find(c => c.name === "nagare_session");
    check("the session cookie is HttpOnly and SameSite=Strict",
          session && session.httpOnly && session.sameSite === "Strict", JSON.stringify(cookies));
    check("no token cookie without the token", !cookies.some(c => c.name === "nagare_token"));
    await login.click("#logout");
    const back = await login.waitForSelector("#password", { timeout: 30000 }).then(() => true, () => false);
    check("ログアウト leads back to the login page", back);
    check("the login pages run without errors (policy included)", loginErrors.length === 0,
          JSON.stringify(loginErrors));
    await plain.close();
  }

  await browser.close();
  console.log(passed + " passed, " + failures + " failed");
  process.exit(failures ? 1 : 0);
})().catch(error => { console.log("FAIL " + (error.stack || error)); process.exit(1); });
