// The editor of `nagare serve`. Model text is only ever put in the page through textContent
// and form values, never as HTML, so a hostile label stays text.
"use strict";

const token = document.querySelector('meta[name="nagare-token"]').content;
const state = { file: "", version: "", model: null, choices: null, current: null, timer: 0,
                lastPreview: null, busy: 0 };

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key in node) node[key] = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

async function api(path, body) {
  const options = { headers: { "X-Nagare-Token": token } };
  if (body !== undefined) {
    options.method = "POST";
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  if (response.status === 401 && document.querySelector('meta[name="nagare-login"]').content === "1") {
    // The session ended (ログアウト in another tab, or 12 hours): the login page again.
    location.href = "/";
  }
  let data = {};
  try { data = await response.json(); } catch (e) { data = { error: String(e) }; }
  return { status: response.status, data };
}

function setStatus(text, error) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.className = error ? "error" : "";
}

// The start page: the models by their papers' titles.
async function showStart() {
  document.getElementById("editor").hidden = true;
  document.getElementById("toolbar").hidden = true;
  document.getElementById("start").hidden = false;
  document.getElementById("paper-title").textContent = "";
  const list = document.getElementById("models");
  list.replaceChildren();
  const { data } = await api("/api/models");
  for (const entry of data) {
    const link = el("a", { href: "#file=" + encodeURIComponent(entry.file),
                           text: entry.title || entry.file });
    list.append(el("li", {}, link, el("span", { class: "file", text: "  (" + entry.file + ")" }),
                   entry.problems ? el("span", { class: "problem",
                                                 text: "  誤り " + entry.problems + " 件" }) : null));
  }
}

async function openModel(file) {
  delete document.getElementById("figure").dataset.file;
  document.getElementById("start").hidden = true;
  document.getElementById("editor").hidden = false;
  document.getElementById("toolbar").hidden = false;
  const { status, data } = await api("/api/model?file=" + encodeURIComponent(file));
  state.file = file;
  for (const kind of ["xlsx", "html", "pdf", "png", "svg"]) {
    document.getElementById("dl-" + kind).href =
        "/api/download?file=" + encodeURIComponent(file) + "&kind=" + kind;
  }
  if (status !== 200 || !data.model) {
    state.model = null;
    document.getElementById("forms").replaceChildren(
        el("p", { class: "problem", text: data.error || "このモデルは読み込めません。テキストエディタで直してください:" }));
    showDiagnostics(data.diagnostics || []);
    return;
  }
  state.version = data.version;
  state.dirty = false;
  state.model = data.model;
  state.choices = data.choices;
  setStatus("");
  renderForms();
  preview();
}

// Choices from the schema and the catalogue, by their Japanese names.
function values(table, key) {
  const spec = state.choices.tables[table].keys[key];
  return spec ? spec.values : [];
}
// Form labels as a clerk names things (the schema's descriptions speak of ids).
const LABELS = {
  paper: { title: "件名", document: "資料番号", municipality: "団体名", department: "担当課",
           subjects: "対象者", subject_count: "対象者数", period: "期間", purpose: "目的・付議内容",
           procedures: "手続", body: "団体の種類", wording: "チェックリストの文言", source: "出典 (このモデルが記述する文書)" },
  items: { name: "名称", class: "区分", fields: "項目", declared: "文書の情報項目の一覧に記載がある" },
  orgs: { name: "名称", role: "役割", operator: "運営する法人", region: "サーバの所在" },
  nodes: { name: "名称", kind: "種類", org: "所属する組織", network: "回線の種類", medium: "媒体の種類",
           note: "図の注記" },
  flows: { step: "番号 (①②…)", from: "送り手", to: "受け手", via: "経由する回線・媒体",
           items: "渡す情報項目", direction: "向き", means: "手段 (経由なしのとき)", label: "図の説明" },
};
function label(table, key) {
  if (LABELS[table] && LABELS[table][key]) return LABELS[table][key];
  const spec = state.choices.tables[table].keys[key];
  return spec ? spec.label : key;
}
function measureChoices() {
  const out = state.choices.measures.map(m => ({ id: m.id, name: m.name }));
  for (const custom of state.model.custom_measures) out.push({ id: custom.id, name: custom.name || custom.id });
  return out;
}

function newId(prefix) {
  const used = new Set();
  for (const kind of ["items", "orgs", "nodes", "flows", "custom_measures"]) {
    for (const entity of state.model[kind]) used.add(entity.id);
  }
  for (let n = 1; ; ++n) if (!used.has(prefix + "-" + n)) return prefix + "-" + n;
}

function changed(rerender) {
  if (rerender) renderForms();
  clearTimeout(state.timer);
  state.timer = setTimeout(preview, 200);
  state.dirty = true;
  setStatus("未保存の変更があります");
}

// Form controls bound to one key of one entity.
function textField(entity, key, name, rerender, multiline) {
  const input = multiline ? el("textarea", { name: key }) : el("input", { type: "text", name: key });
  input.value = entity[key] == null ? "" : String(entity[key]);
  input.addEventListener("input", () => { entity[key] = input.value; changed(false); });
  if (rerender) input.addEventListener("change", () => renderForms());
  return el("label", {}, el("span", { class: "name", text: name }), input);
}
function selectField(entity, key, name, options, blank, rerender) {
  const select = el("select", { name: key });
  if (blank !== null) select.append(el("option", { value: "", text: blank }));
  for (const option of options) select.append(el("option", { value: option.id, text: option.name }));
  select.value = entity[key] == null ? "" : String(entity[key]);
  select.addEventListener("change", () => { entity[key] = select.value; changed(rerender); });
  return el("label", {}, el("span", { class: "name", text: name }), select);
}
function checkList(entity, key, name, options) {
  const box = el("fieldset", {}, el("legend", { text: name }));
  for (const option of options) {
    const input = el("input", { type: "checkbox", checked: (entity[key] || []).includes(option.id) });
    input.dataset.id = option.id;
    input.addEventListener("change", () => {
      // The order written stays (a flow's via is in the order passed); a new one goes last.
      const chosen = (entity[key] || []).filter(id => id !== option.id);
      if (input.checked) chosen.push(option.id);
      entity[key] = chosen;
      changed(false);
    });
    box.append(el("label", {}, input, " " + option.name));
  }
  return box;
}
function listField(entity, key, name) {
  const input = el("input", { type: "text", value: (entity[key] || []).join("、"), name: key });
  input.addEventListener("input", () => {
    entity[key] = input.value.split(/[、,]/).map(s => s.trim()).filter(s => s);
    changed(false);
  });
  return el("label", {}, el("span", { class: "name", text: name + " (「、」区切り)" }), input);
}

// Measures: ○ in place, or 「－（理由）」 not applicable; done by the ward or the other party.
function measuresField(entity) {
  const box = el("fieldset", {}, el("legend", { text: "対策" }));
  const choices = measureChoices();
  entity.measures = entity.measures || [];
  entity.measures.forEach((mark, index) => {
    const which = el("select", {});
    for (const choice of choices) which.append(el("option", { value: choice.id, text: choice.name }));
    which.value = mark.id;
    which.addEventListener("change", () => { mark.id = which.value; changed(false); });
    const mode = el("select", {}, el("option", { value: "yes", text: "○" }),
                    el("option", { value: "na", text: "－ (該当しない)" }));
    mode.value = mark.na ? "na" : "yes";
    const reason = el("input", { type: "text", value: mark.na || "", placeholder: "理由",
                                 hidden: !mark.na });
    mode.addEventListener("change", () => {
      reason.hidden = mode.value !== "na";
      mark.na = mode.value === "na" ? (reason.value || "理由") : "";
      if (mode.value === "na" && !reason.value) reason.value = "理由";
      changed(false);
    });
    reason.addEventListener("input", () => { mark.na = reason.value; changed(false); });
    const by = el("select", { name: "by" }, el("option", { value: "", text: "(既定)" }));
    for (const party of state.choices.party) by.append(el("option", { value: party.id, text: party.name }));
    by.value = mark.by || "";
    by.addEventListener("change", () => { mark.by = by.value; changed(false); });
    // The checklist the line belongs to, and what the clause covers when narrower than the data.
    const procedure = el("select", { name: "procedure", title: "チェックリストの手続" },
                         el("option", { value: "", text: "(手続: 指定なし)" }));
    for (const option of values("paper", "procedures")) {
      procedure.append(el("option", { value: option.id, text: "手続: " + option.name }));
    }
    procedure.value = mark.procedure || "";
    procedure.addEventListener("change", () => { mark.procedure = procedure.value; changed(false); });
    const scope = el("input", { type: "text", name: "scope", value: mark.scope || "",
                                placeholder: "範囲 (例: 区から貸与された資料)", title: "対策が及ぶ範囲 (データの一部だけのとき)" });
    scope.addEventListener("input", () => { mark.scope = scope.value; changed(false); });
    const remove = el("button", { type: "button", text: "削除", onclick: () => {
      entity.measures.splice(index, 1); changed(true); } });
    box.append(el("div", { class: "measure" }, which, mode, reason, by, procedure, scope, remove));
  });
  box.append(el("button", { type: "button", text: "対策を追加", onclick: () => {
    entity.measures.push({ id: choices[0].id, na: "", by: "", procedure: "", scope: "" });
    changed(true);
  } }));
  return box;
}

// Certifications as checkboxes, each with the year it was obtained (optional).
function certificationsField(org) {
  const box = el("fieldset", {}, el("legend", { text: "認証" }));
  org.certifications = org.certifications || [];
  for (const [kind, name] of [["ISMS", "ISMS"], ["Pmark", "プライバシーマーク"], ["ASP-SaaS", "ASP・SaaS"],
                              ["other", "その他"]]) {
    const held = org.certifications.find(c => c.kind === kind);
    const input = el("input", { type: "checkbox", checked: !!held });
    input.dataset.kind = kind;
    const since = el("input", { type: "number", min: 1900, max: 2100, name: "since", placeholder: "取得年",
                                value: held && held.since != null ? held.since : "", hidden: !held });
    since.dataset.kind = kind;
    input.addEventListener("change", () => {
      if (input.checked) org.certifications.push({ kind, since: null });
      else org.certifications = org.certifications.filter(c => c.kind !== kind);
      since.hidden = !input.checked;
      since.value = "";
      changed(false);
    });
    since.addEventListener("input", () => {
      const entry = org.certifications.find(c => c.kind === kind);
      if (entry) entry.since = since.value === "" ? null : Number(since.value);
      changed(false);
    });
    box.append(el("label", {}, input, " " + name, " ", since));
  }
  return box;
}

function nodeOptions(filter) {
  return state.model.nodes.filter(filter || (() => true)).map(n => ({ id: n.id, name: n.name || n.id }));
}
function orgOptions(except) {
  return state.model.orgs.filter(o => o !== except).map(o => ({ id: o.id, name: o.name || o.id }));
}

function card(table, index, title, build) {
  const entity = state.model[table][index];
  const details = el("details", { id: "form-" + table + "-" + index });
  const current = state.current && state.current.table === table && state.current.index === index;
  if (current) { details.open = true; details.classList.add("current"); }
  if (state.open.has(table + "-" + index)) details.open = true;
  details.addEventListener("toggle", () => {
    if (details.open) state.open.add(table + "-" + index); else state.open.delete(table + "-" + index);
  });
  details.append(el("summary", { text: title }));
  build(entity, details);
  details.append(el("button", { type: "button", text: "この項目を削除", onclick: () => {
    state.model[table].splice(index, 1);
    state.current = null;
    changed(true);
  } }));
  return details;
}

function section(title, table, prefix, fresh, titleOf, build, plain) {
  const box = el("div", { id: "section-" + table }, el("h3", { text: title }));
  state.model[table].forEach((entity, index) => box.append(card(table, index, titleOf(entity, index), build)));
  box.append(el("button", { type: "button", id: "add-" + table, text: title + "を追加", onclick: () => {
    const entity = Object.assign(plain ? {} : { id: newId(prefix), measures: [] }, fresh());
    if (plain && table !== "accept") entity.id = newId(prefix);
    state.model[table].push(entity);
    state.current = { table, index: state.model[table].length - 1 };
    changed(true);
  } }));
  return box;
}

function renderForms() {
  const model = state.model;
  state.open = state.open || new Set();
  document.getElementById("paper-title").textContent = model.paper.title || "";
  const forms = document.getElementById("forms");
  const scroll = forms.scrollTop;
  const paper = el("div", { id: "section-paper" }, el("h3", { text: "付議事項の概要" }));
  for (const key of ["title", "document", "municipality", "department", "subjects", "subject_count", "period"]) {
    paper.append(textField(model.paper, key, label("paper", key), key === "title"));
  }
  paper.append(textField(model.paper, "purpose", label("paper", "purpose"), false, true));
  paper.append(checkList(model.paper, "procedures", label("paper", "procedures"), values("paper", "procedures")));
  paper.append(selectField(model.paper, "body", label("paper", "body"), values("paper", "body"), "(既定: 区)", false));
  paper.append(selectField(model.paper, "wording", label("paper", "wording"), values("paper", "wording")
      .filter(v => v.id !== "shinjuku").map(v => ({ id: v.id, name: v.id === "edogawa" ? "江戸川区の文言" : v.name })),
                           "新宿区の文言 (既定)", false));
  paper.append(textField(model.paper, "source", label("paper", "source")));

  const items = section("情報項目", "items", "item", () => ({ name: "", class: "personal", fields: [], declared: true }),
    item => item.name || "(名称未入力)", (item, box) => {
      box.append(textField(item, "name", label("items", "name"), true));
      box.append(selectField(item, "class", label("items", "class"), values("items", "class"), null, false));
      box.append(listField(item, "fields", label("items", "fields")));
      const declared = el("input", { type: "checkbox", name: "declared", checked: item.declared !== false });
      declared.addEventListener("change", () => { item.declared = declared.checked; changed(false); });
      box.append(el("label", {}, declared, " " + label("items", "declared")));
    });
  const orgs = section("組織", "orgs", "org", () => ({ name: "", role: "contractor", parent: "", certifications: [],
                                                       must_not_receive: [] }),
    org => {
      let depth = 0;
      for (let o = org; o && o.parent && depth < 8; o = model.orgs.find(x => x.id === o.parent)) ++depth;
      return "　".repeat(depth) + (org.name || "(名称未入力)");
    }, (org, box) => {
      box.append(textField(org, "name", label("orgs", "name"), true));
      box.append(selectField(org, "role", label("orgs", "role"), values("orgs", "role"), null, false));
      box.append(selectField(org, "parent", "中に入る組織", orgOptions(org), "(なし)", true));
      box.append(textField(org, "operator", label("orgs", "operator")));
      box.append(selectField(org, "region", label("orgs", "region"), values("orgs", "region"), "(不明)", false));
      box.append(certificationsField(org));
      box.append(checkList(org, "must_not_receive", "受け取ってはならないもの",
                           values("items", "class").concat(model.items.map(i => ({ id: i.id, name: i.name || i.id })))));
      box.append(measuresField(org));
    });
  const nodes = section("ノード", "nodes", "node", () => ({ name: "", kind: "system", org: "", network: "", medium: "",
                                                           stores: null, note: "" }),
    node => node.name || "(名称未入力)", (node, box) => {
      box.append(textField(node, "name", label("nodes", "name"), true));
      box.append(selectField(node, "kind", label("nodes", "kind"), values("nodes", "kind"), null, true));
      box.append(selectField(node, "org", label("nodes", "org"), orgOptions(), "(なし)", false));
      if (node.kind === "network") box.append(selectField(node, "network", label("nodes", "network"), values("nodes", "network"), "", false));
      if (node.kind === "medium") box.append(selectField(node, "medium", label("nodes", "medium"), values("nodes", "medium"), "", false));
      const stores = el("select", { name: "stores" }, el("option", { value: "", text: "(既定: 種類による)" }),
                        el("option", { value: "true", text: "保存する" }),
                        el("option", { value: "false", text: "保存しない" }));
      stores.value = node.stores == null ? "" : String(node.stores);
      stores.addEventListener("change", () => {
        node.stores = stores.value === "" ? null : stores.value === "true";
        changed(false);
      });
      box.append(el("label", {}, el("span", { class: "name", text: "個人情報の保存" }), stores));
      box.append(textField(node, "note", label("nodes", "note")));
      box.append(measuresField(node));
    });
  const name = id => { const n = model.nodes.find(x => x.id === id); return n ? n.name || n.id : "?"; };
  const flows = section("流れ", "flows", "flow", () => ({ step: null, from: "", to: "", via: [], items: [],
                                                         direction: "", means: "", label: "" }),
    flow => (flow.step ? flow.step + ". " : "") + name(flow.from) + " → " + name(flow.to) +
            (flow.label ? "　" + flow.label : ""),
    (flow, box) => {
      const step = el("input", { type: "number", min: 1, value: flow.step == null ? "" : flow.step, name: "step" });
      step.addEventListener("input", () => { flow.step = step.value === "" ? null : Number(step.value); changed(false); });
      box.append(el("label", {}, el("span", { class: "name", text: label("flows", "step") }), step));
      box.append(selectField(flow, "from", label("flows", "from"), nodeOptions(), "(選択)", true));
      box.append(selectField(flow, "to", label("flows", "to"), nodeOptions(), "(選択)", true));
      box.append(checkList(flow, "via", label("flows", "via"),
                           nodeOptions(n => n.kind === "network" || n.kind === "medium")));
      box.append(checkList(flow, "items", label("flows", "items"),
                           model.items.map(i => ({ id: i.id, name: i.name || i.id }))));
      box.append(selectField(flow, "direction", label("flows", "direction"), values("flows", "direction"), "(既定: 一方向)", false));
      box.append(selectField(flow, "means", label("flows", "means"), values("flows", "means"), "(なし)", false));
      box.append(textField(flow, "label", label("flows", "label"), true));
      box.append(measuresField(flow));
    });
  const customs = section("独自の対策", "custom_measures", "measure",
    () => ({ name: "", category: "operational", satisfies: [] }),
    custom => custom.name || "(名称未入力)", (custom, box) => {
      box.append(textField(custom, "name", "名称", true));
      box.append(selectField(custom, "category", "区分", [{ id: "operational", name: "運用上の対策" },
                                                          { id: "technical", name: "システム上の対策" }], null, false));
      box.append(checkList(custom, "satisfies", "同等とみなすカタログの対策",
                           state.choices.measures.map(m => ({ id: m.id, name: m.name }))));
    }, true);
  // Acceptances name a finding by its stable id; the choice lists the findings of the figure.
  const findingChoices = () => {
    const out = ((state.lastPreview && state.lastPreview.findings) || [])
        .map(f => ({ id: f.id, name: f.message }));
    for (const entry of model.accept) {
      if (entry.finding && !out.some(o => o.id === entry.finding)) out.push({ id: entry.finding, name: entry.finding });
    }
    return out;
  };
  const accepts = section("指摘の受容", "accept", "accept",
    () => ({ finding: "", justification: "", by: "", date: "" }),
    entry => {
      const found = findingChoices().find(f => f.id === entry.finding);
      return found ? found.name : entry.finding || "(指摘を選択)";
    }, (entry, box) => {
      box.append(selectField(entry, "finding", "指摘", findingChoices(), "(選択)", true));
      box.append(textField(entry, "justification", "受容する理由", false, true));
      box.append(textField(entry, "by", "受容した人・課"));
      box.append(textField(entry, "date", "受容した日 (2026-04-01)"));
    }, true);
  forms.replaceChildren(paper, items, orgs, nodes, flows, customs, accepts);
  forms.scrollTop = scroll;
  showMessages();
}

// Messages of the last preview under the forms they are about.
function showMessages() {
  if (!state.lastPreview) return;
  for (const diagnostic of state.lastPreview.diagnostics || []) {
    const form = document.getElementById("form-" + diagnostic.table + "-" + diagnostic.index);
    if (form) form.append(el("div", { class: "message", text: diagnostic.message }));
  }
}

function focusEntity(table, index) {
  state.current = { table, index };
  state.open.add(table + "-" + index);
  renderForms();
  const form = document.getElementById("form-" + table + "-" + index);
  if (form) form.scrollIntoView({ block: "center" });
  highlight(table === "flows" ? index : -1);
}

function highlight(flow) {
  for (const g of document.querySelectorAll("#figure .lit")) g.classList.remove("lit");
  if (flow >= 0) for (const g of document.querySelectorAll("#figure .flow-" + flow)) g.classList.add("lit");
}

function showDiagnostics(diagnostics) {
  const list = document.getElementById("diagnostics");
  list.replaceChildren();
  for (const diagnostic of diagnostics) {
    list.append(el("li", { class: "problem", text: diagnostic.text, onclick: () => {
      if (diagnostic.table && diagnostic.index >= 0 && diagnostic.table !== "paper") focusEntity(diagnostic.table, diagnostic.index);
    } }));
  }
  if (!diagnostics.length) list.append(el("li", { text: "なし" }));
}

function showFindings(findings) {
  const list = document.getElementById("findings");
  list.replaceChildren();
  const mark = { error: "✖", warning: "▲", info: "・" };
  for (const finding of findings) {
    const item = el("li", { class: finding.severity, text: mark[finding.severity] + " " + finding.message +
                            (finding.accepted ? " (受容: " + finding.accepted + ")" : "") });
    item.dataset.finding = finding.id;
    item.addEventListener("click", () => {
      if (finding.flow >= 0) focusEntity("flows", finding.flow);
      else if (finding.node >= 0) focusEntity("nodes", finding.node);
      else if (finding.org >= 0) focusEntity("orgs", finding.org);
    });
    list.append(item);
  }
  if (!findings.length) list.append(el("li", { text: "なし" }));
}

async function preview() {
  const ticket = ++state.busy;
  const { data } = await api("/api/preview", { file: state.file, model: state.model });
  if (ticket !== state.busy) return;  // a later edit's preview is on its way
  state.lastPreview = data;
  showDiagnostics(data.diagnostics || []);
  showFindings(data.findings || []);
  const figure = document.getElementById("figure");
  if (data.svg) {
    const parsed = new DOMParser().parseFromString(data.svg, "image/svg+xml");
    const svg = parsed.documentElement;
    for (const script of svg.querySelectorAll("script, foreignObject")) script.remove();
    figure.replaceChildren(document.importNode(svg, true));
    if (state.current && state.current.table === "flows") highlight(state.current.index);
  } else if (data.figure_error) {
    figure.replaceChildren(el("p", { class: "problem", text: "図を描けません: " + data.figure_error }));
  }
  for (const message of document.querySelectorAll("#forms .message")) message.remove();
  showMessages();
  figure.dataset.ready = String(ticket);
  figure.dataset.file = state.file;
}

async function save() {
  clearTimeout(state.timer);
  const { status, data } = await api("/api/save", { file: state.file, base: state.version, model: state.model });
  if (status === 200) {
    state.version = data.version;
    state.dirty = false;
    if (data.merged && data.model) {
      // Another tab or person saved other entities meanwhile: both are in the file now.
      state.model = data.model;
      renderForms();
      preview();
      setStatus("保存しました (別の画面か別の人が保存した変更と合わせました)");
    } else {
      setStatus("保存しました");
    }
  } else if (status === 409) {
    setStatus(data.error, true);
    // Reloading shows the file as saved by the other; this tab's edits are then dropped.
    document.getElementById("status").append(" ", el("button", { type: "button", id: "reload",
        text: "読み込み直す (この画面の変更は捨てる)", onclick: () => { state.dirty = false; openModel(state.file); } }));
  } else {
    setStatus(data.error || "保存できません", true);
    if (data.diagnostics) showDiagnostics(data.diagnostics);
  }
}

document.getElementById("figure").addEventListener("click", event => {
  for (let node = event.target; node && node.id !== "figure"; node = node.parentNode) {
    const match = node.getAttribute && /(?:^|\s)flow-(\d+)(?:\s|$)/.exec(node.getAttribute("class") || "");
    if (match) { focusEntity("flows", Number(match[1])); return; }
  }
});
document.getElementById("save").addEventListener("click", save);
// With a password (--password-file), the session ends here; the login page comes next.
if (document.querySelector('meta[name="nagare-login"]').content === "1") {
  const logout = document.getElementById("logout");
  logout.hidden = false;
  logout.addEventListener("click", async () => {
    if (state.dirty && !confirm("保存していない変更があります。ログアウトしますか")) return;
    state.dirty = false;
    await api("/api/logout", {});
    location.href = "/";
  });
}

function route() {
  const match = /^#file=(.+)$/.exec(location.hash);
  if (match) openModel(decodeURIComponent(match[1])); else showStart();
}
window.addEventListener("hashchange", route);
window.addEventListener("beforeunload", event => { if (state.dirty) event.preventDefault(); });
route();
