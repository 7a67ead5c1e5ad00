// winwin classroom, the trainer's board. Names and everything else from
// the server are set with textContent or as SVG text nodes: never parsed
// as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";
const COLORS = { "win-win": "#009e73", "win-lose": "#e69f00", "lose-win": "#56b4e9", "lose-lose": "#d55e00", "no deal": "#a8a8a8" };
let shown = -1;         // the round on the board (-1: the latest)
let setupDone = false;

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}
function pct(x) { return Math.round(100 * x) + "%"; }
function showError(m) { $("error").textContent = m || ""; }

async function post(path, body) {
  const res = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || res.statusText);
  return data;
}

function refresh() { return load().catch((e) => showError("the board: " + e.message)); }

async function load() {
  const res = await fetch("/api/trainer/board?round=" + shown, { credentials: "same-origin" });
  if (!res.ok) { showError("the board could not be loaded: " + res.status); return; }
  const b = await res.json();
  renderRoom(b);
  if (b.round) renderBoard(b.round);
  $("boardBox").hidden = !b.round;
  if (b.round) {
    const d = await (await fetch("/api/trainer/debrief?round=" + b.round.id, { credentials: "same-origin" })).json();
    renderDebrief(d);
  }
}

function renderRoom(b) {
  $("code").textContent = b.code;
  $("joinURL").textContent = b.joinURL;
  $("peopleCount").textContent = b.people.length;
  $("people").textContent = b.people.join(", ");
  $("headline").textContent = "room " + b.code + " · " + b.people.length + " participants · " + b.rounds.length + " rounds";
  if (!setupDone) {
    setupDone = true;
    $("domain").replaceChildren(...b.domains.map((d) => { const o = el("option", "", d); o.value = d; return o; }));
    $("strategies").replaceChildren(...b.strategies.map((s, i) => {
      const l = el("label");
      const c = el("input");
      c.type = "checkbox"; c.value = s; c.checked = i < 3;
      l.append(c, document.createTextNode(s));
      return l;
    }));
  }
  $("rounds").replaceChildren(...b.rounds.map((r) => {
    const tr = el("tr");
    const sp = r.spec;
    const vs = { strategy: "vs " + sp.strategies.join(", "), humans: "each other", mix: "half each other, half vs " + sp.strategies.join(", ") }[sp.opponents];
    tr.append(el("td", "", String(r.id + 1)), el("td", "", sp.domain + " · " + sp.roles + " · " + vs + " · " + sp.deals + (sp.deals === 1 ? " deal" : " deals") + " of " + sp.deadline + " rounds" + (r.stopped ? " · stopped" : "")),
      el("td", "num", String(r.sessions)), el("td", "num", String(r.done)));
    const td = el("td");
    const show = el("button", "secondary", "Show");
    show.onclick = () => { shown = r.id; refresh(); };
    td.append(show);
    if (!r.stopped && r.done < r.sessions) {
      const stop = el("button", "danger", "Stop");
      stop.onclick = async () => { try { await post("/api/trainer/stop", { round: r.id }); } catch (e) { showError(e.message); } };
      td.append(document.createTextNode(" "), stop);
    }
    tr.append(td);
    return tr;
  }));
}

function renderBoard(rb) {
  $("boardTitle").textContent = "Round " + (rb.id + 1) + ": deals on the outcome space (" + rb.spec.domain + ")";
  // Outcome space: seller's utility across, buyer's up.
  const S = $("space");
  S.replaceChildren();
  const L = 40, T = 10, W = 360, H = 340;
  const x = (u) => L + u * W, y = (u) => T + (1 - u) * H;
  S.append(svg("rect", { x: L, y: T, width: W, height: H, fill: "#fafbfc", stroke: "#d9dde5" }));
  for (let g = 0; g <= 1.001; g += 0.25) {
    S.append(svg("text", { x: x(g), y: T + H + 14, "text-anchor": "middle" }, g.toFixed(2)));
    S.append(svg("text", { x: L - 4, y: y(g) + 4, "text-anchor": "end" }, g.toFixed(2)));
  }
  S.append(svg("text", { x: L + W / 2, y: T + H + 28, "text-anchor": "middle" }, "value to the seller →"));
  S.append(svg("text", { x: 12, y: T + H / 2, transform: "rotate(-90 12 " + (T + H / 2) + ")", "text-anchor": "middle" }, "value to the buyer →"));
  // The zone of agreement: above both walk-away points.
  S.append(svg("rect", { x: x(rb.walk[0]), y: T, width: Math.max(0, W - rb.walk[0] * W), height: Math.max(0, y(rb.walk[1]) - T), fill: "#e9f5ef" }));
  S.append(svg("line", { x1: x(rb.walk[0]), y1: T, x2: x(rb.walk[0]), y2: T + H, stroke: "#999", "stroke-dasharray": "4 3" }));
  S.append(svg("line", { x1: L, y1: y(rb.walk[1]), x2: L + W, y2: y(rb.walk[1]), stroke: "#999", "stroke-dasharray": "4 3" }));
  const pts = (rb.frontier || []).map((p) => x(p[0]).toFixed(1) + "," + y(p[1]).toFixed(1)).join(" ");
  S.append(svg("polyline", { points: pts, fill: "none", stroke: "#1d2330", "stroke-width": 1.5 }));
  if (rb.nash) {
    S.append(svg("path", { d: "M" + (x(rb.nash[0]) - 6) + " " + y(rb.nash[1]) + "h12M" + x(rb.nash[0]) + " " + (y(rb.nash[1]) - 6) + "v12", stroke: "#1d2330", "stroke-width": 2 }));
    S.append(svg("text", { x: x(rb.nash[0]) + 7, y: y(rb.nash[1]) - 6 }, "fair deal (Nash)"));
  }
  // Deals; several at one point are spread a little so that each shows.
  const seen = {};
  for (const d of rb.deals) {
    const k = d.u[0].toFixed(3) + "," + d.u[1].toFixed(3);
    const n = seen[k] = (seen[k] || 0) + 1;
    const a = n * 2.4, r = n > 1 ? 3 + n : 0;
    const c = svg("circle", { cx: x(d.u[0]) + r * Math.cos(a), cy: y(d.u[1]) + r * Math.sin(a), r: 6, fill: COLORS[d.class] || "#888", stroke: d.human[0] && d.human[1] ? "#1d2330" : "#fff", "stroke-width": 1.5, "fill-opacity": 0.85 });
    c.append(svg("title", {}, d.names[0] + " (seller) – " + d.names[1] + " (buyer), deal " + d.deal + ": " + d.class));
    S.append(c);
  }
  $("legend").replaceChildren(...Object.entries(COLORS).map(([k, v]) => {
    const s = el("span", "class c-" + k.replace(/ /g, "-"), k);
    s.style.marginRight = ".4rem";
    return s;
  }), document.createTextNode(" Dashed lines: walk-away points; the shaded corner is the zone of agreement; the line is the Pareto frontier. A dark ring marks two participants."));

  $("winwin").textContent = rb.negotiations ? pct(rb.winWin) : "–";
  $("classes").textContent = rb.negotiations + " negotiations finished: " + Object.entries(rb.classes).map(([k, v]) => v + " " + k).join(", ");
  renderSpread(rb.price);
  $("tactics").replaceChildren(...rb.tactics.map((t) => { const tr = el("tr"); tr.append(el("td", "", t.name), el("td", "num", String(t.people)), el("td", "num", String(t.strategies))); return tr; }));
  $("sessions").replaceChildren(...rb.sessions.map((s) => {
    const tr = el("tr");
    const name = (i) => s.names[i] + (s.human[i] ? "" : " (strategy)");
    const last = el("td");
    if (s.last) last.append(el("span", "class c-" + s.last.replace(/ /g, "-"), s.last));
    tr.append(el("td", "", String(s.id + 1)), el("td", "", name(0)), el("td", "", name(1)), el("td", "", s.status), el("td", "num", String(s.deals)), last);
    return tr;
  }));
}

function renderSpread(p) {
  const S = $("spread");
  S.replaceChildren();
  $("priceTitle").textContent = p ? "Spread of the agreed " + p.issue : "Spread (no numeric issue)";
  if (!p) { $("priceText").textContent = ""; return; }
  const L = 10, W = 400, n = Math.max(1, p.options - 1), x = (k) => L + (k / n) * W;
  S.append(svg("line", { x1: L, y1: 40, x2: L + W, y2: 40, stroke: "#999" }));
  const count = {};
  let most = 1;
  for (const k of p.values) most = Math.max(most, count[k] = (count[k] || 0) + 1);
  const step = Math.min(7, 34 / Math.max(1, most - 1)); // stacks fit above the line
  for (const k in count) delete count[k];
  for (const k of p.values) {
    const c = count[k] = (count[k] || 0) + 1;
    S.append(svg("circle", { cx: x(k), cy: 40 - (c - 1) * step, r: 4, fill: "#0b6e99" }));
  }
  $("priceText").textContent = p.values.length ? "lowest " + p.min + " · median " + p.median + " · highest " + p.max + " (" + p.values.length + " deals)" : "no deal yet";
}

function renderDebrief(d) {
  $("tournament").textContent = d.pending ? "The tournament for comparison is running…" : "Tournament: " + d.tournament + ". Figures are per negotiation, from the side facing the partner named (the class: the participants; the tournament: every strategy facing it).";
  const rows = [];
  for (const r of d.rows) {
    for (const [who, f] of [["class", r.class], ["tournament", r.tournament]]) {
      const tr = el("tr");
      tr.append(el("td", "", who === "class" ? r.partner : ""), el("td", "dim", who));
      const cells = f.n ? [String(f.n), pct(f.agreement), pct(f.winWin), pct(f.won), f.surplus.toFixed(3), f.partner.toFixed(3)] : [d.pending && who === "tournament" ? "…" : "0", "", "", "", "", ""];
      for (const c of cells) tr.append(el("td", "num", c));
      rows.push(tr);
    }
  }
  $("debrief").replaceChildren(...rows);
  $("lessons").replaceChildren(...(d.lessons.length ? d.lessons.map((l) => {
    const div = el("div", "card");
    div.append(el("b", "", l.title), el("p", "", l.moral), el("p", "dim", l.why));
    const det = el("details");
    det.append(el("summary", "", "the transcript"), el("pre", "", l.transcript));
    div.append(det);
    return div;
  }) : [el("p", "dim", "No lesson stands out yet: lessons come from finished deals.")]));
}

$("roundForm").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const spec = {
    domain: $("domain").value, roles: $("roles").value, opponents: $("opponents").value,
    strategies: [...$("strategies").querySelectorAll("input:checked")].map((c) => c.value),
    deals: Number($("deals").value), deadline: Number($("deadline").value),
  };
  try { const r = await post("/api/trainer/round", spec); shown = -1; showError(""); void r; refresh(); }
  catch (e) { showError(e.message); }
});
$("export").addEventListener("click", async () => {
  try { const r = await post("/api/trainer/export", {}); $("exported").textContent = "Written to " + r.dir; }
  catch (e) { showError(e.message); }
});

const events = new EventSource("/api/trainer/events");
events.onmessage = () => refresh();
refresh();
