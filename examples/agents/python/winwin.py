"""Helpers for winwin agents in Python: standard library only.

Copy this file next to your agent and import it. It gives a Python agent
what the Go SDK (package agents) gives a Go one:

- run(Agent): the protocol loop (pipe/PROTOCOL.md): hello, one Agent per
  negotiation, a move for every turn, stdout flushed after every line.
- Preferences: your preferences, with utility(offer): n.prefs, as a Go
  agent's View.Prefs is an agents.Preferences.
- target_utility(t, e, lo, hi): the time-dependent concession curve.
- OfferSearch: a ladder of offers from your best down, each the best for
  the partner (by an estimate) at its level of your utility; find(target),
  concede(target, n) which never takes back what you gave nor concedes a
  shared interest, and opening(partner_min), an opening that is no extreme
  anchor.
- FrequencyModel: learns the partner's preferences from its offers.
- offer(...), accept(), walk(...): the moves.

A whole agent:

    import winwin

    class Steady(winwin.Agent):
        def start(self, n):
            self.search = winwin.OfferSearch(n.prefs)
            self.open = self.search.opening(n.prefs.reservation)

        def turn(self, n):
            target = winwin.target_utility(n.time, 1, n.prefs.reservation, self.open)
            mine, ours = self.search.concede(target, n)
            if n.offered() and n.prefs.utility(n.last["offer"]) >= max(ours, n.prefs.reservation):
                return winwin.accept()
            return winwin.offer(mine)

    winwin.run(Steady)

Print debugging output to stderr (winwin keeps it in the run folder), never
to stdout, which is for protocol lines only.
"""

import json
import random
import sys

PROTOCOL = 1
TAGS = ("anchor", "flinch", "ask-why", "justify", "dissatisfied", "disclose",
        "unbundle", "reprice", "extreme-anchor", "retraction")
_EPS = 1e-12


class Preferences:
    """Preferences over a domain: utility(o) = sum of weights[i] * values[i][o[i]].

    reservation is what no deal is worth; utilities run from 0 to 1.
    """

    def __init__(self, weights, values, reservation=0.0):
        self.weights = list(weights)
        self.values = [list(v) for v in values]
        self.reservation = reservation

    def utility(self, offer):
        return sum(w * v[k] for w, v, k in zip(self.weights, self.values, offer))

    def max_utility(self):
        return sum(w * max(v) for w, v in zip(self.weights, self.values))


def target_utility(t, e, lo, hi):
    """The concession curve of Faratin, Sierra & Jennings (1998).

    hi at relative time t = 0, lo at t = 1: hi - (hi - lo) * t ** (1 / e).
    e < 1 concedes late (Boulware, 0.2), 1 evenly, e > 1 early (2); e = 0
    never concedes.
    """
    if e <= 0 or t <= 0:
        return hi
    if t >= 1:
        return lo
    return lo + (hi - lo) * (1 - t ** (1 / e))


class OfferSearch:
    """A ladder of offers from your best offer downwards.

    Each rung is the offer best for the partner, by the estimate partner
    (a Preferences; None assumes a partner who weighs every issue alike and wants
    the opposite of you on each) among those worth its utility to you: it
    concedes first where the partner gains most per unit you give up, and
    never enumerates the outcome space.
    """

    def __init__(self, own, partner=None):
        self.own = own
        n = len(own.values)
        self.prior = partner is None
        if partner is None:
            partner = Preferences([1 / n] * n, [[1 - x for x in v] for v in own.values])
        self.partner = partner
        steps = []  # (-rate, issue order, issue, option, own loss)
        offer = []
        for i, ov in enumerate(own.values):
            w = own.weights[i]
            b = [partner.weights[i] * x for x in partner.values[i]]
            # Own best option, the partner's favourite among ties.
            c = max(range(len(ov)), key=lambda k: (ov[k], b[k], -k))
            offer.append(c)
            prev_rate, seq = float("inf"), 0
            while True:
                best = None  # (rate, loss, option, gain)
                for k in range(len(ov)):
                    loss, gain = w * (ov[c] - ov[k]), b[k] - b[c]
                    if gain <= 0 or loss < 0:
                        continue
                    if loss == 0:  # a free gain: the largest first
                        if best is None or best[1] > 0 or gain > best[3]:
                            best = (float("inf"), 0.0, k, gain)
                        continue
                    rate = gain / loss
                    if best is None or (best[1] > 0 and (rate > best[0] * (1 + _EPS)
                                                         or (rate >= best[0] * (1 - _EPS) and loss < best[1]))):
                        best = (rate, loss, k, gain)
                if best is None:
                    break
                rate = min(best[0], prev_rate)
                prev_rate = rate
                steps.append((-rate, i, seq, best[2], best[1]))
                seq += 1
                c = best[2]
        steps.sort(key=lambda s: (s[0], s[1], s[2]))
        u = own.utility(offer)
        self.offers, self.utils = [tuple(offer)], [u]
        for _, i, _, k, loss in steps:
            offer[i] = k
            u -= loss
            self.offers.append(tuple(offer))
            self.utils.append(u)

    def find(self, target):
        """The lowest rung worth at least target to you, and its utility.

        If even the best offer is worth less, the best offer.
        """
        r = 0
        while r + 1 < len(self.utils) and self.utils[r + 1] >= target - _EPS:
            r += 1
        return list(self.offers[r]), self.utils[r]

    def concede(self, target, n):
        """find, never taking back what you gave nor conceding a shared interest.

        n is the Negotiation: its mine (your previous offer in it, None
        before the first, when concede is find) and theirs (the partner's
        offers in it). Each rung worth target is merged with mine, keeping
        on every issue whichever option gives more away; on an issue where
        an offer of the partner proposed your own favourite option (a
        shared interest, such as a volume both want large, or an issue it
        gave away) it does not concede, and wins your favourite back if
        mine had given it up only when the offer is then worth more to you
        than mine. The first merge still worth target and, by the estimate,
        no worse for the partner than mine is returned, else mine again.
        An offer worse for the partner than your previous one and no better
        for you is a retraction: against a partner whose interests are
        opposed to yours on every issue it has not shown to be shared, an
        agent whose offers all come from concede never makes one, however
        often it rebuilds its search.
        """
        own = self.own
        best = [max(range(len(v)), key=lambda k: (v[k], -k)) for v in own.values]
        fav = [[x >= v[best[i]] for x in v] for i, v in enumerate(own.values)]
        shared = [any(fav[i][o[i]] for o in n.theirs) for i in range(len(best))]

        def win_back(o):
            return [best[i] if shared[i] and not fav[i][k] else k for i, k in enumerate(o)]

        previous = n.mine
        if previous is None:
            o = win_back(self.find(target)[0])
            return o, own.utility(o)
        hi = len(self.utils) - 1
        while hi > 0 and self.utils[hi] < target - _EPS:
            hi -= 1
        before, mine = self.partner.utility(previous), own.utility(previous)
        for r in range(hi, -1, -1):
            merged = [p if own.values[i][k] > own.values[i][p] or (shared[i] and fav[i][p]) else k
                      for i, (k, p) in enumerate(zip(self.offers[r], previous))]
            u = own.utility(merged)
            if u >= target - _EPS and self.partner.utility(merged) >= before - _EPS:
                back = win_back(merged)
                if own.utility(back) > mine + 1e-9:  # a hardening, never a retraction
                    return back, own.utility(back)
                return merged, u
        o = win_back(previous)
        return o, own.utility(o)

    def opening(self, partner_min):
        """The highest utility of yours whose rung leaves the partner partner_min.

        By the estimate, and among rungs worth at least your reservation
        value. Open there instead of at your best offer: with partner_min a
        fair guess of the partner's walk-away point (your own reservation
        is the usual one), the opening is no extreme anchor. Built without
        an estimate, it takes the more cautious of the prior and a zero-sum
        guess (the partner gets 1 minus your utility). Without such a rung
        (no zone of agreement by the estimate) it is your best utility.
        """
        for o, u in zip(self.offers, self.utils):
            if u < self.own.reservation - _EPS:
                break
            pu = self.partner.utility(o)
            if self.prior:
                pu = min(pu, 1 - u)
            if pu >= partner_min - _EPS:
                return u
        return self.utils[0]


class FrequencyModel:
    """Estimates the partner's preferences from the offers it makes.

    An issue the partner rarely changes matters to it; options it proposes
    often are ones it values (the frequency heuristic of HardHeaded).
    """

    def __init__(self, domain):
        self.counts = [[0] * len(issue["options"]) for issue in domain["issues"]]
        self.unchanged = [0] * len(self.counts)
        self.last = None

    def observe(self, offer):
        for i, k in enumerate(offer):
            self.counts[i][k] += 1
            if self.last is not None and self.last[i] == k:
                self.unchanged[i] += 1
        self.last = list(offer)

    def estimate(self):
        """The estimated partner Preferences (reservation unknown: 0)."""
        w = [1 + u for u in self.unchanged]
        total = sum(w)
        values = [[(x + 1) / (max(c) + 1) for x in c] for c in self.counts]
        return Preferences([x / total for x in w], values, 0.0)


def offer(o, *tags, say=None, ranking=None):
    """An offer: one option index per issue, with optional tactic tags."""
    return _move("offer", tags, say, offer=list(o), ranking=ranking)


def accept(*tags, say=None):
    """Accepts the partner's offer on the table."""
    return _move("accept", tags, say)


def walk(*tags, say=None):
    """Walks away: no deal, each side gets its reservation value."""
    return _move("walk", tags, say)


def _move(kind, tags, say, **extra):
    for t in tags:
        if t not in TAGS:
            raise ValueError("unknown tag %r (tags: %s)" % (t, ", ".join(TAGS)))
    m = {"kind": kind}
    m.update((k, v) for k, v in extra.items() if v is not None)
    if tags:
        m["tags"] = list(tags)
    if say:
        m["say"] = say
    return m


class Negotiation:
    """What an agent sees of one negotiation (the protocol's start and turn).

    role, opener, period, deadline, seed, domain, history as in `start`;
    prefs as a Preferences; rng, a random.Random seeded from seed (use it for
    any randomness, so runs reproduce); and, updated each turn, round,
    turn, time (0 at the first move, 1 at the last), last, the partner's
    previous move (None when you open), theirs, the partner's offers so
    far, and mine, your latest offer (None before your first).
    """

    def __init__(self, msg):
        for k in ("session", "role", "opener", "period", "deadline", "seed", "domain", "history"):
            setattr(self, k, msg[k])
        p = msg["prefs"]
        self.prefs = Preferences(p["weights"], p["values"], p["reservation"])
        self.rng = random.Random(msg["seed"])
        self.round = self.turn = 0
        self.time = 0.0
        self.last = None
        self.mine = None  # your latest offer in this negotiation
        self.theirs = []  # the partner's offers in this negotiation

    def offered(self):
        """Whether the partner's last move is an offer."""
        return self.last is not None and self.last["kind"] == "offer"


class Agent:
    """Subclass it: run makes one for each negotiation."""

    def start(self, n):
        """Called once, before the first turn, with the Negotiation."""

    def turn(self, n):
        """Returns the move for this turn: offer(...), accept() or walk()."""
        raise NotImplementedError

    def end(self, n, outcome):
        """Called with the protocol's end message when the deal is over."""


def run(agent_class, name=None, stdin=None, stdout=None):
    """Speaks the protocol on stdin/stdout until stdin ends."""
    stdin = stdin or sys.stdin
    out = stdout or sys.stdout
    sessions = {}

    def send(msg):
        out.write(json.dumps(msg) + "\n")
        out.flush()  # winwin waits for the line: always flush

    for line in stdin:
        msg = json.loads(line)
        kind = msg["type"]
        if kind == "hello":
            if msg["protocol"] != PROTOCOL:
                sys.exit("winwin speaks protocol %s, this agent %d" % (msg["protocol"], PROTOCOL))
            send({"type": "hello", "protocol": PROTOCOL, "name": name or agent_class.__name__})
        elif kind == "start":
            n = Negotiation(msg)
            agent = agent_class()
            sessions[msg["session"]] = (n, agent)
            agent.start(n)
        elif kind == "turn":
            n, agent = sessions[msg["session"]]
            n.round, n.turn, n.time, n.last = msg["round"], msg["turn"], msg["time"], msg["last"]
            if n.offered():
                n.theirs.append(n.last["offer"])
            move = dict(agent.turn(n))
            if move["kind"] == "offer":
                n.mine = list(move["offer"])
            move["type"], move["session"] = "move", msg["session"]
            send(move)
        elif kind == "end":
            n, agent = sessions.pop(msg["session"], (None, None))
            if agent is not None:
                agent.end(n, msg)
        elif kind == "close":
            sessions.pop(msg["session"], None)
