#!/usr/bin/env python3
"""A winwin agent with one classic mistake, for check-agent's tests.

    python3 broken.py MODE

It offers its best outcome and accepts any offer worth at least its
reservation value, except that it is broken, by MODE:

    sesion        spells "session" "sesion" in its moves
    keyerror      looks up a field the turn does not have (a KeyError)
    longline      answers every turn with a 10 MB line
    closestdout   closes stdout after its hello and reads on
    wrongsession  answers every turn for the session after it
    proto2        says it speaks protocol 2
    slow          takes a minute over every move
"""

import json
import os
import sys
import time

mode = sys.argv[1]
sessions = {}


def send(msg):
    sys.stdout.write(json.dumps(msg) + "\n")
    sys.stdout.flush()


def utility(s, offer):
    return sum(w * v[k] for w, v, k in zip(s["weights"], s["values"], offer))


for line in sys.stdin:
    msg = json.loads(line)
    kind = msg["type"]
    if kind == "hello":
        send({"type": "hello", "protocol": 2 if mode == "proto2" else 1, "name": "broken-" + mode})
        if mode == "closestdout":
            os.close(1)
    elif kind == "start":
        sessions[msg["session"]] = msg["prefs"]
    elif kind in ("end", "close"):
        sessions.pop(msg["session"], None)
    elif kind == "turn":
        if mode == "closestdout":
            continue
        if mode == "slow":
            time.sleep(60)
        if mode == "keyerror":
            rounds_left = msg["rounds_left"]
        s = sessions[msg["session"]]
        best = [max(range(len(v)), key=v.__getitem__) for v in s["values"]]
        last = msg["last"]
        move = {"type": "move", "session": msg["session"], "kind": "offer", "offer": best}
        if last and last["kind"] == "offer" and utility(s, last["offer"]) >= s["reservation"]:
            move = {"type": "move", "session": msg["session"], "kind": "accept"}
        if mode == "sesion":
            move["sesion"] = move.pop("session")
        elif mode == "wrongsession":
            move["session"] += 1
        elif mode == "longline":
            move["say"] = "la" * (5 << 20)
        send(move)
