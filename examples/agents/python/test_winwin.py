"""Tests of winwin.py, the helper module: python3 test_winwin.py

Standard library only; go test ./pipe/ runs them.
"""
import io
import itertools
import json
import os
import random
import unittest

import winwin


def random_prefs(rng, sizes):
    w = [rng.random() + 0.01 for _ in sizes]
    total = sum(w)
    values = [[rng.randrange(5) / 4 for _ in range(k)] for k in sizes]  # ties on purpose
    return winwin.Preferences([x / total for x in w], values, rng.random() * 0.5)


def opposed(rng, own):
    w = [rng.random() + 0.01 for _ in own.weights]
    total = sum(w)
    return winwin.Preferences([x / total for x in w], [[1 - x for x in v] for v in own.values], 0.2)


class OfferSearchTest(unittest.TestCase):
    def test_rungs_are_pareto_optimal_by_brute_force(self):
        rng = random.Random(1)
        for trial in range(200):
            sizes = [rng.randint(1, 5) for _ in range(rng.randint(1, 4))]
            own = random_prefs(rng, sizes)
            partner = None if trial % 3 == 0 else random_prefs(rng, sizes)
            s = winwin.OfferSearch(own, partner)
            pu = s.partner.utility
            self.assertAlmostEqual(s.utils[0], own.max_utility())
            everything = list(itertools.product(*[range(k) for k in sizes]))
            for o, u in zip(s.offers, s.utils):
                self.assertAlmostEqual(own.utility(o), u)
                for x in everything:
                    self.assertFalse(own.utility(x) > u + 1e-9 and pu(x) > pu(o) + 1e-9,
                                     "trial %d: rung %s dominated by %s" % (trial, o, x))
            self.assertEqual(s.utils, sorted(s.utils, reverse=True))
            for target in (-1, 0, 0.3, 0.5, 0.8, 2):
                o, u = s.find(target)
                if target <= own.max_utility():
                    self.assertGreaterEqual(u, target - 1e-9)

    def test_concede_never_retracts_against_opposed_interests(self):
        rng = random.Random(2)
        for trial in range(200):
            sizes = [rng.randint(1, 5) for _ in range(rng.randint(1, 4))]
            own = random_prefs(rng, sizes)
            truth = opposed(rng, own)
            prev, target = None, own.max_utility()
            # The partner asks for its own best offer every time.
            n = winwin.Negotiation.__new__(winwin.Negotiation)
            n.mine, n.theirs = None, [[max(range(len(v)), key=lambda k: v[k]) for v in truth.values]]
            if trial % 2:  # random asks, which may give an opposed issue away
                n.theirs = [[rng.randrange(k) for k in sizes] for _ in range(3)]
            for move in range(12):
                model = [None, truth, random_prefs(rng, sizes)][move % 3]
                s = winwin.OfferSearch(own, model)
                target -= rng.random() * 0.15
                o, u = s.concede(target, n)
                self.assertAlmostEqual(own.utility(o), u)
                if prev is not None:
                    for i, k in enumerate(o):  # no take-back, unless a hardening
                        self.assertTrue(own.values[i][k] <= own.values[i][prev[i]] + 1e-12 or u > own.utility(prev) + 1e-9)
                    retraction = truth.utility(o) < truth.utility(prev) - 1e-9 and u <= own.utility(prev) + 1e-9
                    self.assertFalse(retraction, "trial %d move %d: %s after %s" % (trial, move, o, prev))
                    self.assertTrue(u >= target - 1e-9 or u >= own.utility(prev) - 1e-9)
                prev = n.mine = o

    def test_concede_keeps_shared_interests(self):
        # Issue 0 opposed, issue 1 a volume both want high (option 2); the
        # prior ladder gives the volume away first.
        own = winwin.Preferences([0.7, 0.3], [[1, 0.5, 0], [0, 0.5, 1]], 0.1)
        s = winwin.OfferSearch(own)
        self.assertNotEqual(s.find(0.75)[0][1], 2)
        n = winwin.Negotiation.__new__(winwin.Negotiation)
        n.mine, n.theirs = None, [[2, 2]]
        o, u = s.concede(0.75, n)
        self.assertEqual(o[1], 2)
        self.assertGreaterEqual(u, 0.75)

    def test_opening_on_the_car(self):
        # agenttest's car scenario, as the seller: [4 2] is the best rung
        # the opposed prior values at 0.3 or more.
        seller = winwin.Preferences([0.6, 0.4], [[0, 0.25, 0.5, 0.75, 1], [1, 0.5, 0]], 0.3)
        s = winwin.OfferSearch(seller)
        self.assertAlmostEqual(s.opening(0.3), 0.6)
        self.assertAlmostEqual(s.opening(0), 1)
        self.assertAlmostEqual(s.opening(2), 1)


class CurveAndModelTest(unittest.TestCase):
    def test_target_utility(self):
        self.assertEqual(winwin.target_utility(0, 0.2, 0.3, 1), 1)
        self.assertEqual(winwin.target_utility(1, 0.2, 0.3, 1), 0.3)
        self.assertAlmostEqual(winwin.target_utility(0.5, 1, 0, 1), 0.5)
        self.assertEqual(winwin.target_utility(0.5, 0, 0.3, 1), 1)

    def test_frequency_model(self):
        m = winwin.FrequencyModel({"issues": [{"options": ["a", "b", "c"]}, {"options": ["x", "y"]}]})
        for o in ([0, 1], [0, 0], [0, 1]):
            m.observe(o)
        est = m.estimate()
        self.assertEqual(est.weights, [3 / 4, 1 / 4])  # issue 0 never changed
        self.assertEqual(est.values[0], [1, 0.25, 0.25])
        self.assertEqual(est.values[1], [2 / 3, 1])


class ProtocolTest(unittest.TestCase):
    def test_run_answers_every_turn(self):
        class Holder(winwin.Agent):
            def turn(self, n):
                if n.offered():
                    return winwin.accept()
                return winwin.offer([1, 0], "anchor", say="Our list price.")

        start = {"type": "start", "session": 3, "role": "seller", "opener": "seller", "period": 0,
                 "deadline": 2, "seed": 7, "history": [],
                 "domain": {"name": "d", "issues": [{"name": "p", "options": ["a", "b"]}, {"name": "q", "options": ["x"]}]},
                 "prefs": {"weights": [1, 0], "values": [[0, 1], [1]], "reservation": 0.2}}
        lines = [{"type": "hello", "protocol": 1, "name": "h", "timeout_ms": 2000}, start,
                 {"type": "turn", "session": 3, "round": 0, "turn": 0, "time": 0, "last": None},
                 {"type": "turn", "session": 3, "round": 1, "turn": 2, "time": 0.67,
                  "last": {"kind": "offer", "offer": [0, 0], "tags": []}},
                 {"type": "end", "session": 3}]
        out = io.StringIO()
        winwin.run(Holder, name="holder", stdin=io.StringIO("".join(json.dumps(m) + "\n" for m in lines)), stdout=out)
        got = [json.loads(line) for line in out.getvalue().splitlines()]
        self.assertEqual(got, [
            {"type": "hello", "protocol": 1, "name": "holder"},
            {"type": "move", "session": 3, "kind": "offer", "offer": [1, 0], "tags": ["anchor"], "say": "Our list price."},
            {"type": "move", "session": 3, "kind": "accept"},
        ])

    def test_unknown_tag_is_refused_at_once(self):
        with self.assertRaises(ValueError):
            winwin.offer([0], "bluff")


class ExampleTest(unittest.TestCase):
    def test_learner_is_at_most_40_lines(self):
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "learner.py")
        with open(path) as f:
            self.assertLessEqual(len(f.readlines()), 40)


if __name__ == "__main__":
    unittest.main()
