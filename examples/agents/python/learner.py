#!/usr/bin/env python3
"""A learning negotiator in under 40 lines, with the helper module winwin.py.

It opens as high as it guesses it can without an extreme anchor, concedes
late, learns what the partner wants from its offers (a frequency model),
gives first where the partner gains most, never takes back what it gave,
and asks why when the partner flinches. Enter it in the classic tournament:

    winwin run --with exec:python3,learner.py
"""
import winwin


class Learner(winwin.Agent):
    def start(self, n):
        self.model = winwin.FrequencyModel(n.domain)
        self.search = winwin.OfferSearch(n.prefs)
        self.open = self.search.opening(n.prefs.reservation)

    def turn(self, n):
        if n.offered():  # learn from the partner's offer
            self.model.observe(n.last["offer"])
            if n.mine is not None:  # opened on the prior: now search with what we learned
                self.search = winwin.OfferSearch(n.prefs, self.model.estimate())
        target = winwin.target_utility(n.time, 0.5, n.prefs.reservation, self.open)
        mine, ours = self.search.concede(target, n)
        if n.offered():
            theirs = n.prefs.utility(n.last["offer"])
            if theirs >= ours and theirs >= n.prefs.reservation:
                return winwin.accept()
            if "flinch" in n.last["tags"]:
                return winwin.offer(mine, "ask-why", say="How did you get to that?")
        return winwin.offer(mine)


if __name__ == "__main__":
    winwin.run(Learner, name="learner")
