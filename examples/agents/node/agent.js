#!/usr/bin/env node
// A winwin negotiator in JavaScript (Node.js, no npm packages), speaking
// protocol 1 over stdin/stdout.
//
// Run it against a built-in strategy:
//
//     winwin negotiate exec:node,examples/agents/node/agent.js conceder
//
// or enter it in a tournament config:
//
//     [[strategies]]
//     name = "my-js"
//     strategy = "exec"
//     command = ["node", "agent.js"]   # relative to the config's folder
//
// The strategy is time-dependent, with a twist that uses the partner's
// moves: the target utility falls from the agent's best outcome towards its
// reservation value on a clock,
//
//     target(t) = r + (best - r) * (1 - t ** (1 / e)),  e = 1 (linear)
//
// but never below the best offer the partner has made so far (why give
// more than the partner already offered?). Among offers worth the target it
// proposes the one the partner seems to like most, judged by how often the
// partner chose each option (a frequency model). It accepts an offer worth
// at least its target, and never anything below its reservation value.
//
// stdout is for protocol messages only; write debugging output to stderr
// (console.error), which winwin saves in the run folder.

"use strict";

const readline = require("readline");

const PROTOCOL = 1;

// A small seeded random generator (mulberry32): use it, never Math.random,
// so runs reproduce.
function rng(seed) {
  let a = Number(BigInt.asUintN(32, BigInt(seed))) >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Negotiation {
  constructor(msg, e) {
    this.w = msg.prefs.weights;
    this.v = msg.prefs.values;
    this.r = msg.prefs.reservation;
    this.e = e;
    this.random = rng(msg.seed);
    // counts[i][k]: how often the partner offered option k of issue i.
    this.counts = this.v.map((vals) => vals.map(() => 0));
    this.bestSeen = -1; // our utility of the partner's best offer so far
    this.best = this.w.reduce((s, w, i) => s + w * Math.max(...this.v[i]), 0);
    // Candidate offers: the greedy ladder from our best offer downwards,
    // conceding first where it costs us least (built once per session).
    this.ladder = this.buildLadder();
  }

  utility(offer) {
    let u = 0;
    for (let i = 0; i < offer.length; i++) u += this.w[i] * this.v[i][offer[i]];
    return u;
  }

  buildLadder() {
    const orders = this.v.map((vals) => {
      const ks = vals.map((_, k) => k);
      // shuffle (seeded) so that ties are broken reproducibly at random
      for (let j = ks.length - 1; j > 0; j--) {
        const m = Math.floor(this.random() * (j + 1));
        [ks[j], ks[m]] = [ks[m], ks[j]];
      }
      return ks.sort((a, b) => vals[b] - vals[a]);
    });
    const pos = orders.map(() => 0);
    const offer = orders.map((o) => o[0]);
    let u = this.utility(offer);
    const ladder = [{ offer: offer.slice(), u }];
    for (;;) {
      let best = -1;
      let bestCost = 0;
      for (let i = 0; i < orders.length; i++) {
        if (pos[i] + 1 >= orders[i].length) continue;
        const cost = this.w[i] * (this.v[i][orders[i][pos[i]]] - this.v[i][orders[i][pos[i] + 1]]);
        if (best < 0 || cost < bestCost) {
          best = i;
          bestCost = cost;
        }
      }
      if (best < 0) break;
      pos[best]++;
      offer[best] = orders[best][pos[best]];
      u -= bestCost;
      if (u < this.r - 1e-12) break;
      ladder.push({ offer: offer.slice(), u });
    }
    return ladder;
  }

  // How much the partner seems to like an offer (frequency model).
  partnerScore(offer) {
    let s = 0;
    for (let i = 0; i < offer.length; i++) s += this.counts[i][offer[i]];
    return s;
  }

  // The target utility at relative time t: the clock's, but not below the
  // partner's best offer so far, nor below walking away.
  target(t) {
    const clock = this.r + (this.best - this.r) * (1 - Math.pow(t, 1 / this.e));
    return Math.max(clock, this.bestSeen, this.r);
  }

  // Among the lowest few rungs still worth the target, the offer the
  // partner seems to like most.
  nextOffer(target) {
    let last = 0;
    while (last + 1 < this.ladder.length && this.ladder[last + 1].u >= target - 1e-12) last++;
    let pick = this.ladder[last];
    for (let j = last; j >= Math.max(0, last - 3); j--) {
      if (this.partnerScore(this.ladder[j].offer) > this.partnerScore(pick.offer)) pick = this.ladder[j];
    }
    return pick;
  }

  turn(msg) {
    const last = msg.last;
    let theirs = -1;
    if (last && last.kind === "offer") {
      last.offer.forEach((k, i) => this.counts[i][k]++);
      theirs = this.utility(last.offer);
      this.bestSeen = Math.max(this.bestSeen, theirs);
    }
    const target = this.target(msg.time);
    if (theirs >= target) return { kind: "accept" };
    return { kind: "offer", offer: this.nextOffer(target).offer };
  }
}

function main() {
  let e = 1;
  const args = process.argv.slice(2);
  if (args.length === 2 && args[0] === "--e") e = Number(args[1]);
  const sessions = new Map();
  const send = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on("line", (line) => {
    const msg = JSON.parse(line);
    switch (msg.type) {
      case "hello":
        if (msg.protocol !== PROTOCOL) {
          console.error(`winwin speaks protocol ${msg.protocol}, this agent ${PROTOCOL}`);
          process.exit(1);
        }
        send({ type: "hello", protocol: PROTOCOL, name: "node-example" });
        break;
      case "start":
        sessions.set(msg.session, new Negotiation(msg, e));
        break;
      case "turn": {
        const move = sessions.get(msg.session).turn(msg);
        send({ type: "move", session: msg.session, ...move });
        break;
      }
      case "end":
      case "close":
        sessions.delete(msg.session);
        break;
    }
  });
}

main();
