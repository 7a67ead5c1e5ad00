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
// answered with help and asked again; the end of the input walks away.
//
// The files: game.go is the Game (the brief, the scorecards, the ending);
// human.go the Human as an agent; move.go turns a typed line into the
// player's move; turn.go draws each turn's screen; coach.go holds the
// coach's hints and notes; parse.go reads offers; screen.go draws
// (styles, rules, value bars, wrapping); input.go reads lines.
package play
