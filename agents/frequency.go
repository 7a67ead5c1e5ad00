package agents

// A FrequencyModel estimates the partner's preferences from the offers it
// makes (the frequency heuristic of HardHeaded, Krimpen et al. 2013): an
// issue the partner rarely changes matters to it, and options it proposes
// often are ones it values. Keep one model for a whole relationship and its
// estimate improves deal after deal.
//
// The zero value is not usable; call NewFrequencyModel. Observe and
// Estimate do not allocate.
type FrequencyModel struct {
	counts    [][]float64 // times each option was proposed (views of one backing array)
	unchanged []float64   // times each issue kept its option between offers
	mode      Offer       // each issue's option proposed most, the first among ties
	last      Offer
	offers    int
}

// NewFrequencyModel returns an empty model for domain d.
func NewFrequencyModel(d *Domain) *FrequencyModel {
	n := len(d.Issues)
	ints := make(Offer, 2*n)
	m := &FrequencyModel{counts: make([][]float64, n), unchanged: make([]float64, n), mode: ints[:n:n], last: ints[n:]}
	carve(m.counts, d)
	return m
}

// carve points rows at consecutive pieces of one backing array, one row per
// issue sized to its options.
func carve(rows [][]float64, d *Domain) {
	total := 0
	for _, is := range d.Issues {
		total += len(is.Options)
	}
	flat := make([]float64, total)
	for i, is := range d.Issues {
		k := len(is.Options)
		rows[i], flat = flat[:k:k], flat[k:]
	}
}

// Observe records one offer of the partner.
func (m *FrequencyModel) Observe(o Offer) {
	n := len(o)
	counts, last, unchanged, mode := m.counts[:n], m.last[:n], m.unchanged[:n], m.mode[:n]
	if m.offers > 0 {
		for i, k := range o {
			row := counts[i]
			c := row[k] + 1
			row[k] = c
			if last[i] == k {
				unchanged[i]++
			}
			last[i] = k
			// Only option k's count rose: the mode is k or stays.
			if md := mode[i]; k != md {
				if top := row[md]; c > top || (c == top && k < md) {
					mode[i] = k
				}
			}
		}
	} else {
		for i, k := range o {
			counts[i][k]++
			last[i] = k
			mode[i] = k
		}
	}
	m.offers++
}

// MostProposed returns the option of issue i the partner has proposed
// most often, the first among ties (0 before any offer): the option the
// estimate values most.
func (m *FrequencyModel) MostProposed(i int) int { return m.mode[i] }

// Offers returns how many offers have been observed.
func (m *FrequencyModel) Offers() int { return m.offers }

// NewEstimate returns preferences shaped to receive Estimate's output.
func (m *FrequencyModel) NewEstimate() *Preferences {
	n := len(m.counts)
	p := &Preferences{Weights: make([]float64, n), Values: make([][]float64, n)}
	total := 0
	for _, c := range m.counts {
		total += len(c)
	}
	flat := make([]float64, total)
	for i, c := range m.counts {
		k := len(c)
		p.Values[i], flat = flat[:k:k], flat[k:]
	}
	return p
}

// Estimate writes the estimated partner preferences into dst, which must
// come from NewEstimate: weights proportional to 1 + the times an issue was
// left unchanged, option values (count+1)/(max count+1). Reservation is
// unknown and set to 0. With no offers seen, every issue weighs the same and
// every option is worth 1.
func (m *FrequencyModel) Estimate(dst *Preferences) {
	m.EstimateWeights(dst)
	for i, c := range m.counts {
		mx := c[m.mode[i]]
		vs := dst.Values[i][:len(c)]
		for k, x := range c {
			vs[k] = (x + 1) / (mx + 1)
		}
	}
}

// EstimateWeights writes into dst only the issue weights of Estimate (and
// a reservation of 0), leaving its option values as they are: for a
// caller that sets the values by its own rule, such as from MostProposed.
func (m *FrequencyModel) EstimateWeights(dst *Preferences) {
	sum := 0.0
	for i, u := range m.unchanged {
		dst.Weights[i] = 1 + u
		sum += 1 + u
	}
	for i := range m.unchanged {
		dst.Weights[i] /= sum
	}
	dst.Reservation = 0
}
