package genius

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/internal/tomltext"
)

// TOML returns the scenario as a winwin domain file (the format of
// configs/domains/*.toml) that loads to the same domain and preferences,
// bit for bit: every weight, value and reservation written exactly.
func (s *Scenario) TOML() []byte {
	var b bytes.Buffer
	what := map[Format]string{GeniusXML: "GENIUS", GeniusWebJSON: "GeniusWeb"}[s.Format]
	fmt.Fprintf(&b, "# %s: imported by winwin from the %s scenario %s.\n", s.Name, what, comment(s.Dir))
	if s.DomainFile != "" {
		fmt.Fprintf(&b, "# Domain:  %s\n", comment(s.DomainFile))
	}
	fmt.Fprintf(&b, "# Seller:  %s\n# Buyer:   %s\n", comment(s.Chosen[agents.Seller]), comment(s.Chosen[agents.Buyer]))
	b.WriteString("#\n# Utilities are the scenario's own for every outcome (docs/model.md#standard-scenarios):\n")
	b.WriteString("# discrete evaluations normalised as GENIUS does, integer and real issues\n")
	b.WriteString("# evaluated by their linear evaluators, weights that do not sum to 1 folded\n")
	b.WriteString("# into the values so that every utility stays the same.\n")
	for r, d := range s.Discount {
		if d < 1 {
			fmt.Fprintf(&b, "# The %s's profile has discount factor %v, which this domain ignores:\n# winwin's utilities do not change within a negotiation.\n", [2]string{"seller", "buyer"}[r], d)
		}
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "name = %s\n", tomltext.String(s.Name))
	fmt.Fprintf(&b, "description = %s\n", tomltext.String(s.description()))
	for i, is := range s.Domain.Issues {
		b.WriteString("\n[[issues]]\n")
		fmt.Fprintf(&b, "name = %s\n", tomltext.String(is.Name))
		if is.Numeric != nil {
			lo, hi := is.Numeric[0], is.Numeric[len(is.Numeric)-1]
			step := 1.0
			if len(is.Numeric) > 1 {
				step = is.Numeric[1] - is.Numeric[0]
			}
			lo, hi, step = s.numericSpec(i, lo, hi, step)
			fmt.Fprintf(&b, "range = [%s, %s]\nstep = %s\n", num(lo), num(hi), num(step))
		} else {
			b.WriteString("options = [")
			for k, o := range is.Options {
				if k > 0 {
					b.WriteString(", ")
				}
				b.WriteString(tomltext.String(o))
			}
			b.WriteString("]\n")
		}
		for r, side := range [2]string{"seller", "buyer"} {
			p := s.Prefs[r]
			fmt.Fprintf(&b, "%s = { weight = %s, values = [", side, num(p.Weights[i]))
			for k, v := range p.Values[i] {
				if k > 0 {
					b.WriteString(", ")
				}
				b.WriteString(num(v))
			}
			b.WriteString("] }\n")
		}
	}
	for r, side := range [2]string{"seller", "buyer"} {
		fmt.Fprintf(&b, "\n[%s]\nreservation = %s\n", side, num(s.Prefs[r].Reservation))
	}
	return b.Bytes()
}

// numericSpec returns the range and step that make issue i's options
// again through agents.NumericIssue: the bounds and step it was made from.
func (s *Scenario) numericSpec(i int, lo, hi, step float64) (float64, float64, float64) {
	if sp, ok := s.specs[i]; ok {
		return sp[0], sp[1], sp[2]
	}
	return lo, hi, step
}

// description says where the domain comes from, in one line.
func (s *Scenario) description() string {
	what := map[Format]string{GeniusXML: "GENIUS", GeniusWebJSON: "GeniusWeb"}[s.Format]
	d := fmt.Sprintf("Imported from the %s scenario %s: seller %s, buyer %s.", what, baseName(s.Dir), baseName(s.Chosen[0]), baseName(s.Chosen[1]))
	if s.hasReal {
		d += fmt.Sprintf(" Real issues cut into %d even steps.", s.RealSteps)
	}
	return d
}

func baseName(p string) string {
	p = strings.TrimRight(strings.ReplaceAll(p, `\`, "/"), "/")
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[i+1:]
	}
	return p
}

// num writes x so that TOML reads back exactly x (Go's shortest
// representation, 0.35 or 1e-05, is valid TOML).
func num(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// comment makes s safe to put in a TOML comment: one line.
func comment(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '?'
		}
		return r
	}, s)
}
