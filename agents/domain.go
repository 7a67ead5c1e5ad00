package agents

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// An Issue is one thing the two sides must agree on: a price, a delivery
// time, whether training is included. Its options are listed in order; an
// offer picks one option index per issue.
type Issue struct {
	// Name identifies the issue in offers and transcripts ("price").
	Name string
	// Options are the labels of the possible choices ("$350,000").
	Options []string
	// Numeric holds the number behind each option of a numeric issue
	// (made by NumericIssue), or nil for a categorical one.
	Numeric []float64
	// Item marks an add-on of a bundle (installation, training): option 0
	// means the item is left out of the package. Unbundling tactics act on
	// items.
	Item bool
}

// NumericIssue returns an issue whose options run from lo to hi in steps of
// step, labelled with prefix and suffix around the number written with
// thousands separators: NumericIssue("price", 300000, 500000, 10000, "$", "")
// has the options "$300,000", "$310,000", …, "$500,000".
func NumericIssue(name string, lo, hi, step float64, prefix, suffix string) (Issue, error) {
	if step <= 0 || math.IsNaN(step) || math.IsInf(step, 0) {
		return Issue{}, fmt.Errorf("agents: issue %q: step must be positive, got %v", name, step)
	}
	if hi < lo {
		return Issue{}, fmt.Errorf("agents: issue %q: range %v..%v is empty (hi < lo)", name, lo, hi)
	}
	n := int(math.Floor((hi-lo)/step+1e-9)) + 1
	if n > MaxOptions {
		return Issue{}, fmt.Errorf("agents: issue %q: %d options is more than the %d allowed; use a larger step", name, n, MaxOptions)
	}
	is := Issue{Name: name, Options: make([]string, n), Numeric: make([]float64, n)}
	for k := range n {
		x := lo + float64(k)*step
		is.Numeric[k] = x
		is.Options[k] = prefix + FormatNumber(x) + suffix
	}
	return is, nil
}

// MaxOptions is the largest number of options one issue may have.
const MaxOptions = 10000

// FormatNumber writes x with thousands separators and at most two decimals:
// 350000 → "350,000", 2.5 → "2.5".
func FormatNumber(x float64) string {
	neg := x < 0
	if neg {
		x = -x
	}
	s := strconv.FormatFloat(x, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// A Domain is what is being negotiated: a name and a list of issues. The
// outcome space is every combination of one option per issue.
type Domain struct {
	Name   string
	Issues []Issue
}

// Validate reports whether the domain is usable: at least one issue, every
// issue named uniquely with at least one option.
func (d *Domain) Validate() error {
	if d == nil || len(d.Issues) == 0 {
		return errors.New("agents: domain has no issues")
	}
	seen := make(map[string]bool, len(d.Issues))
	for i, is := range d.Issues {
		if is.Name == "" {
			return fmt.Errorf("agents: domain %q: issue %d has no name", d.Name, i)
		}
		if seen[is.Name] {
			return fmt.Errorf("agents: domain %q: issue %q appears twice", d.Name, is.Name)
		}
		seen[is.Name] = true
		if len(is.Options) == 0 {
			return fmt.Errorf("agents: domain %q: issue %q has no options", d.Name, is.Name)
		}
		if len(is.Options) > MaxOptions {
			return fmt.Errorf("agents: domain %q: issue %q has %d options, at most %d allowed", d.Name, is.Name, len(is.Options), MaxOptions)
		}
		if is.Numeric != nil && len(is.Numeric) != len(is.Options) {
			return fmt.Errorf("agents: domain %q: issue %q has %d numbers for %d options", d.Name, is.Name, len(is.Numeric), len(is.Options))
		}
		if is.Item && len(is.Options) < 2 {
			return fmt.Errorf("agents: domain %q: item %q needs at least two options (left out, included)", d.Name, is.Name)
		}
	}
	return nil
}

// Size returns the number of outcomes, as a float64 because it is often
// beyond any integer type (20 issues of 20 options is 1e26).
func (d *Domain) Size() float64 {
	n := 1.0
	for _, is := range d.Issues {
		n *= float64(len(is.Options))
	}
	return n
}

// IssueIndex returns the index of the issue called name, or -1.
func (d *Domain) IssueIndex(name string) int {
	for i, is := range d.Issues {
		if is.Name == name {
			return i
		}
	}
	return -1
}

// Check reports why o is not a valid offer in d, or nil if it is.
func (d *Domain) Check(o Offer) error {
	if len(o) != len(d.Issues) {
		return fmt.Errorf("offer has %d choices for %d issues", len(o), len(d.Issues))
	}
	for i, k := range o {
		if k < 0 || k >= len(d.Issues[i].Options) {
			return fmt.Errorf("issue %q has no option %d (options 0..%d)", d.Issues[i].Name, k, len(d.Issues[i].Options)-1)
		}
	}
	return nil
}

// Valid reports whether o picks an existing option for every issue. It does
// not allocate.
func (d *Domain) Valid(o Offer) bool {
	if len(o) != len(d.Issues) {
		return false
	}
	for i, k := range o {
		if k < 0 || k >= len(d.Issues[i].Options) {
			return false
		}
	}
	return true
}

// Format writes an offer in the domain's words:
// "price=$350,000 delivery=30 days".
func (d *Domain) Format(o Offer) string {
	var b strings.Builder
	for i, k := range o {
		if i > 0 {
			b.WriteByte(' ')
		}
		if i >= len(d.Issues) {
			fmt.Fprintf(&b, "?=%d", k)
			continue
		}
		b.WriteString(d.Issues[i].Name)
		b.WriteByte('=')
		if k >= 0 && k < len(d.Issues[i].Options) {
			b.WriteString(d.Issues[i].Options[k])
		} else {
			fmt.Fprintf(&b, "#%d?", k)
		}
	}
	return b.String()
}

// An Offer is a complete proposal: Offer[i] is the index of the chosen
// option of issue i.
type Offer []int

// Clone returns a copy of o that does not share memory with it.
func (o Offer) Clone() Offer {
	if o == nil {
		return nil
	}
	return append(Offer(make([]int, 0, len(o))), o...)
}

// Equal reports whether o and p choose the same options.
func (o Offer) Equal(p Offer) bool {
	if len(o) != len(p) {
		return false
	}
	for i := range o {
		if o[i] != p[i] {
			return false
		}
	}
	return true
}
