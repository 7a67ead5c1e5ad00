package arena

// Always returns m with the chance of coming back set to 1 whatever the
// deal felt like (PLow = PHigh = 1): a relationship played under it runs
// all its periods (unless an agent declines or the run stops), and every
// deal it makes is the deal the same relationship makes under any model,
// up to the point where that model's relationship ends. Negotiations never
// see the model; only the decision to come back does. Rescore turns such a
// record into the record under another model.
func Always(m Model) Model {
	m.PLow, m.PHigh = 1, 1
	return m
}

// Rescore writes into dst the relationship that src, played under a model
// where everyone always comes back (Always) for at least periods deals,
// would have been under model m with at most periods deals: the same
// deals, re-analysed and re-felt under m (Model.Reanalyze, Model.Feel),
// the same stay draws (PeriodRecord.Draws) deciding under m's stay
// probabilities who comes back, and the payoffs discounted with m's
// Discount. It gives the same record, bit for bit, as playing the
// relationship under m with the same seeds (the arena's tests check it),
// at the cost of arithmetic instead of negotiations: what lets a sweep
// over [relationship] keys and periods play its negotiations once.
//
// dst's memory is reused; its Periods share src's outcomes (offers,
// transcripts), which must not be modified. src's Pair, Index, Names,
// Prefs, Frontier and Sampled are copied. A side that decides for itself
// (Relationship.Decides) is not known to the record: Rescore is for
// tournaments, where none does.
func Rescore(src *RelationshipRecord, m *Model, periods int, dst *RelationshipRecord) {
	dst.Pair, dst.Index, dst.Names, dst.Prefs, dst.Frontier, dst.Sampled = src.Pair, src.Index, src.Names, src.Prefs, src.Frontier, src.Sampled
	dst.Periods = dst.Periods[:0]
	dst.Payoff, dst.OneShot, dst.LeftBy, dst.End = [2]float64{}, [2]float64{}, [2]bool{}, Completed
	var res [2]float64
	for r, p := range src.Prefs {
		if p != nil {
			res[r] = p.Reservation
		}
	}
	disc := 1.0
	for period := 0; period < periods; period++ {
		if period >= len(src.Periods) {
			// src ended before: an agent declined (or the run stopped),
			// which no model changes.
			dst.End, dst.LeftBy = src.End, src.LeftBy
			return
		}
		pr := src.Periods[period]
		out := &pr.Outcome
		pr.Analysis = m.Reanalyze(pr.Analysis, out, res)
		pr.Feel = m.Feel(out, &pr.Analysis)
		for r := range pr.Stayed {
			pr.Stayed[r] = pr.Draws[r] < pr.Feel[r].Stay
		}
		for r := range dst.Payoff {
			dst.Payoff[r] += disc * out.Surplus[r]
		}
		if period == 0 {
			dst.OneShot = out.Surplus
		}
		disc *= m.Discount
		dst.Periods = append(dst.Periods, pr)
		if (!pr.Stayed[0] || !pr.Stayed[1]) && period+1 < periods {
			dst.End = Left
			dst.LeftBy = [2]bool{!pr.Stayed[0], !pr.Stayed[1]}
			return
		}
	}
}
