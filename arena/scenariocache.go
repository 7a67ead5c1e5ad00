package arena

import (
	"sync"

	"github.com/winwin-sim/winwin/agents"
)

// A scenarioCache holds, for each relationship index of a tournament, the
// preferences both sides start the relationship with and their Pareto
// frontier. Those depend on (Seed, relationship) alone — every pair faces
// the same draws (common random numbers) — so they are drawn and analysed
// once per relationship index instead of once per pair and relationship:
// with 144 pairs, 144 times fewer frontiers. With no jitter every index
// shares one entry. Entries are filled on first use, by whichever worker
// gets there first; the result is the same whoever does, so outputs stay
// identical for any number of workers.
type scenarioCache struct {
	entries []scenarioEntry
	jitter  bool
}

type scenarioEntry struct {
	once     sync.Once
	prefs    [2]*agents.Preferences
	frontier *Frontier
}

func newScenarioCache(t *Tournament) *scenarioCache {
	n := 1
	if t.Jitter > 0 {
		n = t.Relationships
	}
	return &scenarioCache{entries: make([]scenarioEntry, n), jitter: t.Jitter > 0}
}

// get returns relationship i's base preferences and frontier, computing
// them on first use.
func (c *scenarioCache) get(t *Tournament, i int) ([2]*agents.Preferences, *Frontier) {
	k := 0
	if c.jitter {
		k = i
	}
	e := &c.entries[k]
	e.once.Do(func() {
		e.prefs = basePrefs(t, i)
		e.frontier = NewFrontier(t.Scenario.Domain, e.prefs[0], e.prefs[1])
	})
	return e.prefs, e.frontier
}

// basePrefs draws relationship i's preferences: the scenario's, jittered
// from the stream (Seed, i) shared by every pair.
func basePrefs(t *Tournament, i int) [2]*agents.Preferences {
	prefRand := PrefsRand(t.Seed, uint64(i)) // shared by every pair: common random numbers
	var base [2]*agents.Preferences
	for r := range base {
		base[r] = Jitter(t.Scenario.Prefs[r], prefRand, t.Jitter)
	}
	return base
}
