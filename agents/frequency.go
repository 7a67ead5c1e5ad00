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
	counts    [][]float64 // times each option was proposed
	unchanged []float64   // times each issue kept its option between offers
	last      Offer
	offers    int
}

// NewFrequencyModel returns an empty model for domain d.
func NewFrequencyModel(d *Domain) *FrequencyModel {
	m := &FrequencyModel{counts: make([][]float64, len(d.Issues)), unchanged: make([]float64, len(d.Issues)), last: make(Offer, len(d.Issues))}
	for i, is := range d.Issues {
		m.counts[i] = make([]float64, len(is.Options))
	}
	return m
}

// Observe records one offer of the partner.
func (m *FrequencyModel) Observe(o Offer) {
	for i, k := range o {
		m.counts[i][k]++
		if m.offers > 0 && m.last[i] == k {
			m.unchanged[i]++
		}
		m.last[i] = k
	}
	m.offers++
}

// Offers returns how many offers have been observed.
func (m *FrequencyModel) Offers() int { return m.offers }

// NewEstimate returns preferences shaped to receive Estimate's output.
func (m *FrequencyModel) NewEstimate() *Preferences {
	p := &Preferences{Weights: make([]float64, len(m.counts)), Values: make([][]float64, len(m.counts))}
	for i, c := range m.counts {
		p.Values[i] = make([]float64, len(c))
	}
	return p
}

// Estimate writes the estimated partner preferences into dst, which must
// come from NewEstimate: weights proportional to 1 + the times an issue was
// left unchanged, option values (count+1)/(max count+1). Reservation is
// unknown and set to 0. With no offers seen, every issue weighs the same and
// every option is worth 1.
func (m *FrequencyModel) Estimate(dst *Preferences) {
	sum := 0.0
	for i := range m.unchanged {
		dst.Weights[i] = 1 + m.unchanged[i]
		sum += dst.Weights[i]
	}
	for i, c := range m.counts {
		dst.Weights[i] /= sum
		mx := 0.0
		for _, x := range c {
			mx = max(mx, x)
		}
		for k, x := range c {
			dst.Values[i][k] = (x + 1) / (mx + 1)
		}
	}
	dst.Reservation = 0
}
