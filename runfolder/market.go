package runfolder

import (
	"sync"
)

// progress returns the progress function shard.Play calls as the tasks of
// a range of total tasks finish, reporting to o: for a whole run with a
// market and a caller that follows the market (o.MarketStarted or
// o.MarketProgress), the tournament's relationships to o.Progress and,
// once the market starts, its replications to o.MarketProgress (and
// o.MarketStarted before its first); otherwise every task of the range to
// o.Progress.
func (j *tournamentJob) progress(o Options, total int) func(done int) {
	j.marketStarted = nil
	split := j.markets > 0 && total == j.Tasks() && (o.MarketStarted != nil || o.MarketProgress != nil)
	if !split {
		return func(done int) {
			if o.Progress != nil {
				o.Progress(done, total)
			}
		}
	}
	var once sync.Once
	j.marketStarted = func() {
		once.Do(func() {
			if o.MarketStarted != nil {
				o.MarketStarted(len(j.mk.Sellers()), j.mk.Params)
			}
		})
	}
	n := j.relationships()
	return func(done int) {
		switch {
		case done <= n:
			if o.Progress != nil {
				o.Progress(done, n)
			}
		default:
			j.marketStarted()
			if o.MarketProgress != nil {
				o.MarketProgress(done-n, j.markets)
			}
		}
	}
}
