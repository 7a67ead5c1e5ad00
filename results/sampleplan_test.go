package results

import "testing"

func TestSamplePlan(t *testing.T) {
	tests := []struct {
		name                          string
		pairs, perPair, periods, rnds int
		want                          int
		allPairs                      bool // every pair records at least one
	}{
		{"classic", 144, 3, 10, 50, 432, true},
		{"quick", 25, 1, 5, 40, 25, true},
		{"none", 25, 0, 5, 40, 0, false},
		{"capped whole rounds", 40 * 40, 1000, 10, 50, MaxSampledRelationships, false},
		{"capped a round and more", 400, 1000, 10, 50, MaxSampledRelationships, true},
		{"exactly the cap", 500, 2, 10, 50, MaxSampledRelationships, true},
		{"long relationships", 10, 100, 1000, 100, SampleMoveBudget / (1000 * 100), false},
		{"longest relationships keep one", 10, 100, 1000, 10_000, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NewSamplePlan(tt.pairs, tt.perPair, tt.periods, tt.rnds)
			if got := p.Count(); got != tt.want {
				t.Fatalf("Count() = %d, want %d", got, tt.want)
			}
			n, pairsHit, maxRel := 0, 0, -1
			for pair := range tt.pairs {
				hit := false
				for rel := range tt.perPair + 1 {
					if p.Sampled(pair, rel) {
						if rel >= tt.perPair {
							t.Fatalf("pair %d records relationship %d beyond sample_transcripts %d", pair, rel, tt.perPair)
						}
						n++
						hit = true
						maxRel = max(maxRel, rel)
					}
				}
				if hit {
					pairsHit++
				}
			}
			if n != tt.want {
				t.Errorf("Sampled says yes %d times, Count() = %d", n, tt.want)
			}
			if got := p.Relationships(); got != maxRel+1 {
				t.Errorf("Relationships() = %d, but the last relationship recorded is %d", got, maxRel)
			}
			if tt.allPairs && pairsHit != tt.pairs {
				t.Errorf("%d of %d pairs record a relationship", pairsHit, tt.pairs)
			}
			// Recordings are spread: no pair records relationship k+1
			// unless every pair records relationship k.
			for rel := 1; rel <= maxRel; rel++ {
				for pair := range tt.pairs {
					if p.Sampled(pair, rel) {
						for q := range tt.pairs {
							if !p.Sampled(q, rel-1) {
								t.Fatalf("pair %d records relationship %d while pair %d skips %d", pair, rel, q, rel-1)
							}
						}
						break
					}
				}
			}
			if p.Sampled(-1, 0) || p.Sampled(tt.pairs, 0) || p.Sampled(0, -1) {
				t.Error("Sampled says yes outside the tournament")
			}
		})
	}
}

// The extra recordings of a capped plan are spread over the pair order,
// not bunched at its start.
func TestSamplePlanSpread(t *testing.T) {
	p := NewSamplePlan(4000, 1, 10, 50)
	if p.Count() != MaxSampledRelationships {
		t.Fatalf("Count() = %d", p.Count())
	}
	quarters := [4]int{}
	for pair := range 4000 {
		if p.Sampled(pair, 0) {
			quarters[pair/1000]++
		}
	}
	for i, q := range quarters {
		if q != MaxSampledRelationships/4 {
			t.Errorf("quarter %d of the pairs records %d relationships, want %d", i, q, MaxSampledRelationships/4)
		}
	}
}
