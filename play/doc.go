// Package play is the role-play of winwin: a person negotiates at a
// terminal against any strategy, on any domain, as buyer or seller, for
// one deal or a relationship of several.
//
// The person is an ordinary agents.Agent, a [Human], that reads lines from
// an io.Reader and writes screens to an io.Writer; an [arena.Match] drives it
// against the strategy on the arena's table, so the arena detects the
// person's hard tactics (an extreme anchor, a retraction) and analyses
// every deal exactly as in a tournament. A [Game] puts it together: the
// private brief, one screen per turn (the partner's offer in the domain's
// words, its tactics explained, what it is worth to the player and where
// the player's walk-away point lies, with the seed article's advice), the
// scorecard of each deal, whether the partner comes back, and at the end
// what the partner's strategy did.
//
// Players type offers naturally: "price=$400,000 delivery=30d" picks the
// options nearest to what was typed ([ParseInput], [MatchIssue],
// [MatchOption]), "offer" asks issue by issue, and "accept", "walk", "?"
// (a hint from the coach) and "help" do what they say. Words such as
// "why" or "flinch" add the article's signals to a move. Bad input is
// answered with help and asked again (a misspelt word is named with what
// it likely means: "accpet", did you mean accept?); terms typed while an
// offer is asked issue by issue are placed; walking away is confirmed;
// the end of the input walks away.
//
// # The coach
//
// A [Coach] speaks for the seed article (its five ways to a win-win
// negotiation, [Points]): a hint on request, a note on each hard tactic
// of the partner, and remarks on the player's own moves as the arena saw
// them. It never advises giving up an issue both sides like best
// ([SharedIssues]: volume on supply-deal, training on bundle) and never
// says the same sentence twice. After the session [NewDebrief] says what
// the player did — the mistakes it names are the [Kind] constants:
// an extreme anchor (the arena's graded detection), a concession the
// partner had not earned by moving, a shared issue given up, accepting
// the first offer, accepting below the walk-away point, walking away
// without first showing dissatisfaction or from an offer better than no
// deal — and what to try, each piece of advice tied to one of the five
// points. Values come with their money where the domain has a price
// ([Money]: "0.30 ($60,000 on the price)"). The coach returns words and
// prints nothing: a web page can use it as the terminal does.
//
// # Saved sessions
//
// `winwin play --save FILE` writes the session as one JSON object
// ([Session], [Game.PlaySession], [ReadSession]), written atomically
// (an interrupted session is saved with what was played):
//
//	format        "winwin-play-session": what the file is
//	version       1: changes when a field changes meaning or goes
//	player        the name given with --name, or absent
//	as            the player's side, "seller" or "buyer"
//	partner       the strategy on the other side, as given ("boulware:e=0.5")
//	seed, opener  the run seed and who opened each deal (alternate, seller, buyer)
//	left          true when the player quit or the input ended during a deal
//	relationship  the deals as the arena recorded them: the domain and both
//	              sides' preferences, then per deal every move (offer by option
//	              index, signals sent and detected, both sides' values), the
//	              outcome and its analysis (transcript.RelationshipDoc; the
//	              player's side is named "you")
//	debrief       the coach's debrief as shown: deals, did (kind, deal, round,
//	              text), try (point of the article, the mistake it answers, text)
//
// `winwin report FOLDER` over a folder of saved sessions writes a class
// report (package class).
//
// The files: game.go is the Game (the brief, the scorecards, the ending);
// human.go the Human as an agent; move.go turns a typed line into the
// player's move; turn.go draws each turn's screen; coach.go holds the
// coach's hints and notes, review.go what it sees in the player's moves
// and debrief.go the debrief; session.go saves and reads sessions;
// money.go says values in money; parse.go reads offers; screen.go draws
// (styles, rules, value bars, wrapping); input.go reads lines.
package play
