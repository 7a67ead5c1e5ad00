package results

import (
	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// This file counts the tactics each strategy played and how long its deals
// took: the columns of summary.csv and roles.csv from anchors to
// mean_rounds_to_deal. Every tally is an integer, so the figures merge
// exactly across workers and shards.

// TacticCounts count the negotiations in which a strategy played each
// tactic, sent as a tag or detected by the arena (arena.Outcome.Used, each
// kind once per negotiation; docs/model.md#signals-and-detection).
// Extreme anchors are counted by their extremity x, how far the opening
// lay below the partner's walk-away point as a share of it
// (arena.Outcome.AnchorExtremity): Low for 0 < x < 1/3, Mid for
// 1/3 ≤ x < 2/3 and High for x ≥ 2/3 (x = 1: worth nothing to the
// partner).
type TacticCounts struct {
	// Anchors counts the negotiations it opened with a tagged anchor,
	// extreme or not.
	Anchors int64
	// ExtremeLow, ExtremeMid and ExtremeHigh count its detected extreme
	// anchors by extremity.
	ExtremeLow, ExtremeMid, ExtremeHigh int64
	// Flinches, Unbundles, Retractions and Dissatisfied count the
	// negotiations in which it flinched, unbundled, retracted (detected)
	// or displayed dissatisfaction.
	Flinches, Unbundles, Retractions, Dissatisfied int64
	// WalkAways counts the negotiations it ended by walking away.
	WalkAways int64
}

// add counts the tactics of role in one negotiation.
func (c *TacticCounts) add(o *arena.Outcome, role agents.Role) {
	used := o.Used[role]
	count := func(n *int64, t agents.Tag) {
		if used.Has(t) {
			*n++
		}
	}
	count(&c.Anchors, agents.TagAnchor)
	count(&c.Flinches, agents.TagFlinch)
	count(&c.Unbundles, agents.TagUnbundle)
	count(&c.Retractions, agents.TagRetraction)
	count(&c.Dissatisfied, agents.TagDissatisfied)
	switch x := o.AnchorExtremity[role]; {
	case x <= 0:
	case x < 1.0/3:
		c.ExtremeLow++
	case x < 2.0/3:
		c.ExtremeMid++
	default:
		c.ExtremeHigh++
	}
	if o.WalkAway && o.EndedBy == role {
		c.WalkAways++
	}
}

func (c *TacticCounts) merge(o *TacticCounts) {
	c.Anchors += o.Anchors
	c.ExtremeLow += o.ExtremeLow
	c.ExtremeMid += o.ExtremeMid
	c.ExtremeHigh += o.ExtremeHigh
	c.Flinches += o.Flinches
	c.Unbundles += o.Unbundles
	c.Retractions += o.Retractions
	c.Dissatisfied += o.Dissatisfied
	c.WalkAways += o.WalkAways
}

// ExtremeAnchors returns the number of extreme anchors of every extremity.
func (c *TacticCounts) ExtremeAnchors() int64 { return c.ExtremeLow + c.ExtremeMid + c.ExtremeHigh }

// tacticColumns are the columns of TacticCounts and the mean rounds to a
// deal, in the order summary.csv writes them.
func tacticColumns() []column[StrategyRow] {
	c := func(name string, field func(*TacticCounts) *int64) column[StrategyRow] {
		return countColumn(name, func(r *StrategyRow) *int64 { return field(&r.Tactics) })
	}
	return []column[StrategyRow]{
		c("anchors", func(t *TacticCounts) *int64 { return &t.Anchors }),
		c("extreme_anchors_low", func(t *TacticCounts) *int64 { return &t.ExtremeLow }),
		c("extreme_anchors_mid", func(t *TacticCounts) *int64 { return &t.ExtremeMid }),
		c("extreme_anchors_high", func(t *TacticCounts) *int64 { return &t.ExtremeHigh }),
		c("flinches", func(t *TacticCounts) *int64 { return &t.Flinches }),
		c("unbundles", func(t *TacticCounts) *int64 { return &t.Unbundles }),
		c("retractions", func(t *TacticCounts) *int64 { return &t.Retractions }),
		c("dissatisfied", func(t *TacticCounts) *int64 { return &t.Dissatisfied }),
		c("walk_aways", func(t *TacticCounts) *int64 { return &t.WalkAways }),
		floatColumn("mean_rounds_to_deal", func(r *StrategyRow) *float64 { return &r.RoundsToDeal }),
	}
}

// tacticColumnNames are the names of tacticColumns, which a reader of
// older tables does without.
func tacticColumnNames() []string {
	var names []string
	for _, c := range tacticColumns() {
		names = append(names, c.name)
	}
	return names
}
