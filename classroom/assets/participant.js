// winwin classroom, the participant's page. Everything shown is set with
// textContent: no text from the server or another participant is ever
// read as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
let state = null;   // the last PersonView
let formKey = "";   // the turn the offer form was built for
let source = null;  // the event stream

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function showError(msg) { $("error").textContent = msg || ""; }

async function post(path, body) {
  const res = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || res.statusText);
  return data;
}

async function start() {
  const res = await fetch("/api/me", { credentials: "same-origin" });
  if (res.status === 401) {
    $("join").hidden = false;
    const code = new URLSearchParams(location.search).get("code");
    if (code) $("code").value = code;
    return;
  }
  render(await res.json());
  listen();
}

function listen() {
  if (source) source.close();
  source = new EventSource("/api/events");
  source.onmessage = (ev) => { render(JSON.parse(ev.data)); };
  source.onerror = () => { $("who").textContent = (state ? state.name + " · " : "") + "reconnecting…"; };
  source.onopen = () => { if (state) $("who").textContent = state.name; };
}

$("joinForm").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  try {
    await post("/api/join", { name: $("name").value, code: $("code").value });
    $("join").hidden = true;
    showError("");
    start();
  } catch (e) { showError(e.message); }
});

function render(v) {
  state = v;
  $("who").textContent = v.name;
  $("join").hidden = true;
  const s = v.session;
  $("lobby").hidden = !!s && v.phase !== "lobby";
  $("play").hidden = !s;
  const earlier = $("earlier");
  earlier.replaceChildren(...(v.earlier || []).map((t) => el("li", "", t)));
  if (!s) return;
  renderBrief(s);
  const status = $("status");
  status.className = "status" + (v.phase === "move" || v.phase === "continue" ? " yours" : "");
  status.textContent = {
    move: s.moves.length === 0 ? "Your turn: you open this deal. Make the first offer." : "Your turn: answer their offer.",
    wait: "Your partner is thinking…",
    continue: "Deal done. Do you come back for the next one?",
    done: "This session is over.",
  }[v.phase] || "";
  $("dealTitle").textContent = "Deal " + s.deal + (s.deals > 1 ? " of up to " + s.deals : "") + " · round " + Math.min(s.roundNo, s.deadline) + " of " + s.deadline + " · partner: " + s.partner;
  renderMoves(s);
  renderForm(v, s);
  renderResults(s);
}

function renderBrief(s) {
  $("roleLine").textContent = "You are the " + s.role.toUpperCase() + ".";
  const rows = s.brief.issues.map((is) => {
    const tr = el("tr");
    tr.append(el("td", "", is.name), el("td", "num", Math.round(is.weight * 100) + "%"));
    const parts = [];
    const step = Math.max(1, Math.ceil(is.options.length / 6));
    for (let k = 0; k < is.options.length; k += step) parts.push(is.options[k] + " " + is.values[k].toFixed(2));
    const last = is.options.length - 1;
    if (last % step !== 0) parts.push(is.options[last] + " " + is.values[last].toFixed(2));
    tr.append(el("td", "dim", parts.join(" · ")));
    return tr;
  });
  $("briefTable").replaceChildren(...rows);
  $("walkaway").textContent = "Your walk-away point: " + s.brief.walkAway.toFixed(2) + ". In plain words: " + s.brief.walkAwayWords + ".";
}

function renderMoves(s) {
  const walk = s.brief.walkAway;
  const items = s.moves.map((m) => {
    const li = el("li", m.mine ? "mine" : "theirs");
    const head = el("div");
    head.append(el("span", "who", m.mine ? "You" : "Partner"));
    if (m.kind !== "walk away") head.append(el("span", "value" + (m.value < walk ? " below" : ""), "worth " + m.value.toFixed(2) + " to you"));
    li.append(head);
    const what = { offer: "offer: ", accept: "accepts: ", "walk away": "walks away" }[m.kind] || m.kind;
    li.append(el("div", "", what + (m.terms ? m.terms.join(", ") : "")));
    if (m.signals && m.signals.length) li.append(el("div", "dim", "signals: " + m.signals.join(", ")));
    if (m.say) li.append(el("div", "say", "“" + m.say + "”"));
    for (const n of m.notes || []) li.append(el("div", "note", n));
    return li;
  });
  $("moves").replaceChildren(...items);
}

function renderForm(v, s) {
  const form = $("offerForm");
  const mine = v.phase === "move";
  form.hidden = !mine;
  $("continueBox").hidden = v.phase !== "continue";
  if (v.phase === "continue") {
    $("continueText").textContent = "Deal " + s.deal + " is done (see below). Come back for deal " + (s.deal + 1) + " with the same partner?";
  }
  $("accept").disabled = !s.canAccept;
  const key = [s.round, s.session, s.period, s.turn].join("-");
  if (!mine || key === formKey) return;
  formKey = key;
  // Start the draft from your last offer, or your best terms.
  let base = null;
  for (const m of s.moves) if (m.mine && m.offer) base = m.offer;
  const box = $("issues");
  box.replaceChildren();
  s.brief.issues.forEach((is) => {
    const wrap = el("div", "issue");
    const id = "issue-" + is.name.replace(/[^a-z0-9]/gi, "_");
    const label = el("label", "", is.name);
    label.htmlFor = id;
    const sel = el("select");
    sel.id = id;
    sel.dataset.issue = is.name;
    is.options.forEach((o, k) => {
      const opt = el("option", "", o + "  (" + is.values[k].toFixed(2) + ")");
      opt.value = String(k);
      sel.append(opt);
    });
    let pick = is.values.indexOf(Math.max(...is.values));
    if (base) pick = base[is.index];
    sel.value = String(pick);
    sel.addEventListener("change", updateDraft);
    wrap.append(label, sel);
    if (is.numeric) {
      const typed = el("input");
      typed.type = "text";
      typed.placeholder = "or type";
      typed.inputMode = "decimal";
      typed.setAttribute("aria-label", "type a value for " + is.name);
      typed.addEventListener("input", () => { const k = nearest(is.options, typed.value); if (k >= 0) { sel.value = String(k); updateDraft(); } });
      wrap.append(typed);
    } else {
      wrap.append(el("span"));
    }
    box.append(wrap);
  });
  for (const c of $("signals").querySelectorAll("input")) c.checked = false;
  updateDraft();
}

// nearest returns the option whose number is nearest to the typed text ("420k", "$420,000").
function nearest(options, text) {
  let t = text.toLowerCase().replace(/[$€£,\s]/g, "");
  let mult = 1;
  if (t.endsWith("k")) { mult = 1e3; t = t.slice(0, -1); } else if (t.endsWith("m")) { mult = 1e6; t = t.slice(0, -1); }
  const x = parseFloat(t) * mult;
  if (!isFinite(x)) return -1;
  let best = -1, gap = Infinity;
  options.forEach((o, k) => { const y = parseFloat(o.replace(/[^0-9.\-]/g, "")); if (isFinite(y) && Math.abs(y - x) < gap) { gap = Math.abs(y - x); best = k; } });
  return best;
}

function draftValue() {
  let u = 0;
  for (const is of state.session.brief.issues) {
    const sel = document.querySelector('select[data-issue="' + CSS.escape(is.name) + '"]');
    if (sel) u += is.weight * is.values[Number(sel.value)];
  }
  return u;
}

function updateDraft() {
  const u = draftValue();
  const b = $("draftValue");
  b.textContent = u.toFixed(2) + (u < state.session.brief.walkAway ? " (below your walk-away point!)" : "");
  b.className = u < state.session.brief.walkAway ? "value below" : "";
  b.style.float = "none";
}

function signals() { return [...$("signals").querySelectorAll("input:checked")].map((c) => c.value); }

async function send(kind) {
  const s = state.session;
  const body = { round: s.round, session: s.session, period: s.period, turn: s.turn, kind, signals: signals() };
  if (kind === "offer") {
    body.offer = {};
    for (const is of s.brief.issues) {
      const sel = document.querySelector('select[data-issue="' + CSS.escape(is.name) + '"]');
      body.offer[is.name] = is.options[Number(sel.value)];
    }
  }
  try {
    for (const b of document.querySelectorAll("#offerForm button")) b.disabled = true;
    render(await post("/api/move", body));
    showError("");
  } catch (e) { showError(e.message); }
  finally { for (const b of document.querySelectorAll("#offerForm button")) b.disabled = false; if (state.session) $("accept").disabled = !state.session.canAccept; }
}

$("offerForm").addEventListener("submit", (ev) => { ev.preventDefault(); send("offer"); });
$("accept").addEventListener("click", () => send("accept"));
$("walkAway").addEventListener("click", () => { if (confirm("Walk away from this deal? There will be no deal.")) send("walk"); });

async function answer(stay) {
  const s = state.session;
  try { render(await post("/api/answer", { round: s.round, session: s.session, period: s.period, stay })); showError(""); }
  catch (e) { showError(e.message); }
}
$("stay").addEventListener("click", () => answer(true));
$("leave").addEventListener("click", () => answer(false));

function renderResults(s) {
  $("resultsBox").hidden = s.results.length === 0 && !s.ended;
  const cards = s.results.map((d) => {
    const div = el("div", "card");
    const h = el("div");
    h.append(el("b", "", "Deal " + d.deal + " "), el("span", "class c-" + d.class.replace(/ /g, "-"), d.class));
    div.append(h);
    if (d.terms) div.append(el("div", "", "Terms: " + d.terms));
    div.append(el("div", "", "Worth " + d.value.toFixed(2) + " to you: surplus " + signed(d.surplus) + " (partner " + signed(d.partnerSurplus) + "). Did you win? " + d.won + "."));
    div.append(el("div", "dim", d.verdict));
    if (d.fairDeal) div.append(el("div", "dim", "The fair, efficient deal was " + d.fairDeal + ", worth " + d.fairValue.toFixed(2) + " to you. Value left on the table: " + d.leftOnTable.toFixed(2) + "."));
    if (d.metTactics && d.metTactics.length) div.append(el("div", "note", "Your partner met " + d.metTactics.join(", ") + " from you."));
    if (d.comesBack) div.append(el("div", "dim", d.comesBack));
    return div;
  });
  $("results").replaceChildren(...cards);
  $("ended").textContent = s.ended || "";
}

function signed(x) { return (x >= 0 ? "+" : "") + x.toFixed(2); }

start().catch((e) => showError(e.message));
