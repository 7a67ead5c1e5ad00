#!/usr/bin/env python3
"""A winwin negotiator in Python, speaking protocol 1 over stdin/stdout.

Run it against a built-in strategy:

    winwin negotiate exec:python3,examples/agents/python/agent.py boulware

or enter it in a tournament config:

    [[strategies]]
    name = "my-py"
    strategy = "exec"
    command = ["python3", "agent.py"]   # relative to the config's folder

Check it against the conformance suite:

    winwin check-agent -- python3 examples/agents/python/agent.py

The strategy is time-dependent: the agent's target utility starts at its
best outcome and falls towards its reservation value (its walk-away point)
as the deadline nears,

    target(t) = r + (best - r) * (1 - t ** (1 / e))

with e = 0.5 by default (it concedes late: Boulware-like). It offers the
offer on its "ladder" that is closest to the target, and accepts the
partner's offer when it is worth at least what it would offer next. It never
accepts or offers anything worth less than walking away.

The ladder is built once per negotiation: from the agent's best offer, it
repeatedly gives up the step that costs it the least utility, so it
concedes first on the issues that matter least to it.

Standard library only. Everything written to stdout must be a protocol
message: debugging output goes to stderr (winwin saves it in the run
folder's agents/<name>.stderr.log).
"""

import bisect
import json
import random
import sys

PROTOCOL = 1


class Negotiation:
    """One session: one negotiation with one partner."""

    def __init__(self, msg, e):
        prefs = msg["prefs"]
        self.weights = prefs["weights"]
        self.values = prefs["values"]
        self.reservation = prefs["reservation"]
        self.e = e
        # The seed makes any randomness reproducible: use this generator,
        # never the global one. (This agent needs randomness only to break
        # ties between equally good offers.)
        self.rng = random.Random(msg["seed"])
        # Learn from earlier deals with this partner: if the partner made a
        # deal with us before, concede a little faster this time.
        history = msg["history"]
        if history and history[-1]["agreed"]:
            self.e *= 1.5
        self.build_ladder()

    def utility(self, offer):
        return sum(w * v[k] for w, v, k in zip(self.weights, self.values, offer))

    def build_ladder(self):
        """Offers from best to worst for us, each one step cheaper."""
        # Each issue's options, best for us first (random order among ties).
        orders = []
        for vals in self.values:
            keys = list(range(len(vals)))
            self.rng.shuffle(keys)
            keys.sort(key=lambda k: -vals[k])
            orders.append(keys)
        pos = [0] * len(orders)  # how far down its order each issue is
        offer = [order[0] for order in orders]
        u = self.utility(offer)
        ladder_offers = [tuple(offer)]
        ladder_utils = [u]
        while True:
            # The next step on each issue and what it would cost us.
            best, best_cost = -1, 0.0
            for i, order in enumerate(orders):
                if pos[i] + 1 >= len(order):
                    continue
                vals = self.values[i]
                cost = self.weights[i] * (vals[order[pos[i]]] - vals[order[pos[i] + 1]])
                if best < 0 or cost < best_cost:
                    best, best_cost = i, cost
            if best < 0:
                break
            pos[best] += 1
            offer[best] = orders[best][pos[best]]
            u -= best_cost
            if u < self.reservation - 1e-12:
                break  # never offer less than walking away is worth
            ladder_offers.append(tuple(offer))
            ladder_utils.append(u)
        self.offers = ladder_offers
        # bisect needs ascending keys: store the utilities negated.
        self.neg_utils = [-x for x in ladder_utils]
        self.best = ladder_utils[0]

    def next_offer(self, t):
        """The ladder's lowest offer still worth the target at time t."""
        lo = self.reservation
        target = lo + (self.best - lo) * (1 - t ** (1 / self.e))
        i = bisect.bisect_right(self.neg_utils, -target) - 1
        i = max(i, 0)
        return self.offers[i], -self.neg_utils[i]

    def turn(self, msg):
        offer, u = self.next_offer(msg["time"])
        last = msg["last"]
        if last is not None and last["kind"] == "offer":
            theirs = self.utility(last["offer"])
            if theirs >= u and theirs >= self.reservation:
                return {"kind": "accept"}
            if "flinch" in last["tags"]:
                # A flinch is theatre: ask how they got there, and hold on.
                return {"kind": "offer", "offer": offer, "tags": ["ask-why"],
                        "say": "How did you arrive at that?"}
        return {"kind": "offer", "offer": offer}


def main():
    e = 0.5
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "--e":
        e = float(args[1])
    sessions = {}
    out = sys.stdout
    for line in sys.stdin.buffer:
        msg = json.loads(line)
        kind = msg["type"]
        if kind == "turn":
            move = sessions[msg["session"]].turn(msg)
            move["type"] = "move"
            move["session"] = msg["session"]
            out.write(json.dumps(move))
            out.write("\n")
            out.flush()  # winwin waits for the line: always flush
        elif kind == "start":
            sessions[msg["session"]] = Negotiation(msg, e)
        elif kind in ("end", "close"):
            sessions.pop(msg["session"], None)
        elif kind == "hello":
            if msg["protocol"] != PROTOCOL:
                print("winwin speaks protocol %s, this agent %d" % (msg["protocol"], PROTOCOL), file=sys.stderr)
                sys.exit(1)
            out.write(json.dumps({"type": "hello", "protocol": PROTOCOL, "name": "python-example"}) + "\n")
            out.flush()


if __name__ == "__main__":
    main()
