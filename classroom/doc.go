// Package classroom is winwin in a workshop: participants negotiate in
// their browsers — phones welcome — against the article's strategies and
// each other, while the trainer sets up rounds, projects a live board and
// debriefs the class's own deals beside the tournament's
// (docs/model.md#classroom). `winwin classroom` serves it from one binary:
// every page, script and style is embedded, nothing is loaded from
// elsewhere, and no internet connection is needed.
//
// # How it fits together
//
// A [Room] holds the participants and the rounds. Starting a round pairs
// everyone who has joined, in order of joining ([RoundSpec]: each faces a
// strategy, or another participant, or half and half), and runs each
// pairing as a session: an [arena.Match] in its own goroutine, so the
// arena detects the participants' hard tactics and analyses every deal
// exactly as in a tournament. A participant's side is a seat, an
// agents.Agent whose Act waits for the person's move; a strategy's side
// is the strategy itself. A round of several deals is a relationship:
// after each deal a strategy comes back or not by the relationship model,
// and a participant is asked (the agents.Continuer hook).
//
// The [Server] speaks HTTP: the participant's page (/) follows its own
// view on a server-sent event stream and posts moves as JSON; the
// trainer's page (/trainer) sets up and stops rounds and refreshes its
// board (the deals on the outcome space, the price spread, who anchored,
// flinched or walked, the win-win share) when the room changes. The
// debrief sets the class's figures beside a tournament of the config's
// strategies on the round's setup, and picks lessons from the class's own
// transcripts with report.Pick. [Room.Export] writes the class to a run
// folder.
//
// # Nothing lost
//
// Every join, round, move, "come back?" answer and stop is appended to a
// log in a bbolt database before it takes effect (store.go). The
// strategies' moves are not stored: each session's Match is seeded from
// the room's seed and the session's identity (arena.ClassroomSeed), so
// when the server starts again on the same database, replaying the stored
// human moves makes every strategy answer exactly as it did, and each
// session resumes at the turn it was at. A move is on disk before the
// arena sees it.
//
// # Threat model
//
// The server runs on the trainer's laptop, on localhost or (with --lan) on
// a room's network, for a class whose participants are trusted no further
// than the others in the room. What it defends:
//
//   - Nobody acts for someone else. Joining gives a participant a random
//     256-bit token in an HttpOnly, SameSite=Strict cookie; the database
//     keeps only its SHA-256. Every request acts for the cookie's holder
//     only: a move names a session, and is refused unless the holder sits
//     in it (403), it is the holder's turn and the turn the page showed
//     (409: a move sent twice, or by a page that lagged, never lands).
//   - A participant sees only their own brief: a view is built for one
//     seat, with the partner's moves and nothing of the partner's
//     preferences; the strategy's name is told when the session is over.
//   - The trainer's setup is the trainer's: /trainer and /api/trainer/
//     need the trainer's token (printed at start, kept in the database so
//     that a restart keeps it), which /trainer?token= turns into an
//     HttpOnly cookie and drops from the address bar.
//   - Every request is validated on the server: offers must name an option
//     of every issue of the domain (typed values go to the nearest option,
//     as in winwin play), signals come from a fixed list, bodies are
//     JSON with no unknown fields and at most 8 KiB, names 1–40 printable
//     characters, a room at most 500 participants. Each participant may
//     send 5 requests a second after a burst of 20 and hold 4 event
//     streams open; joins are limited room-wide (429).
//   - Another site cannot post for a participant: posts must carry
//     Content-Type application/json (which a cross-site form cannot send
//     without a preflight the server does not grant) and, when the
//     browser names one, an Origin of this host; cookies are SameSite.
//   - Text from participants is never markup: the pages set every text
//     with textContent, the exported report escapes with html/template,
//     and a Content-Security-Policy lets the pages run only their own
//     scripts and load nothing from elsewhere.
//
// What it does not defend: the traffic is plain HTTP, so someone on the
// same network can read it and copy a cookie (run the class on a network
// you trust); the trainer's token is printed on the terminal and stored
// in clear in the database file (keep both to yourself); a participant
// can join several times under several names; a flood of connections
// from the network is not limited beyond the server's timeouts; and the
// database file holds every move in clear. There are no accounts and no passwords.
package classroom
