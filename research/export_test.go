package research

// AddForTest adds n observations (entrant, relationship index, long-run
// payoff; the one-shot payoff the same) to c.
func AddForTest(c *Clusters, n int, obs func(k int) (e, i int, y float64)) {
	var os []observation
	for k := range n {
		e, i, y := obs(k)
		os = append(os, observation{entrant: e, index: i, oneShot: y, longRun: y})
	}
	c.add(os)
}
