package agenttest

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/winwin-sim/winwin/internal/words"
)

// reportWidth is the column at which a Report wraps its sentences.
const reportWidth = 88

// Write prints the report in words a student understands: one line per
// check, and for a failed check what the agent did, in which negotiation
// and round, against what, the negotiation so far and a hint.
func (r *Report) Write(w io.Writer) error {
	var b bytes.Buffer
	var failed []string
	for _, f := range r.Findings {
		if f.Status == Failed {
			failed = append(failed, f.Check)
		}
	}
	fmt.Fprintf(&b, "Conformance check of %s: ", r.Agent)
	switch n := len(r.Findings); {
	case r.Stopped != "":
		b.Reset()
		wrap(&b, "", fmt.Sprintf("Conformance check of %s: stopped before the end because %s. %s failed; %s not run or not finished.",
			r.Agent, r.Stopped, words.Count(len(failed), "check"), words.Count(r.notRun(), "check")))
		if r.Repeated != "" {
			wrap(&b, "", "The fault: "+r.Repeated)
		}
		b.WriteByte('\n')
	case len(failed) == 0:
		fmt.Fprintf(&b, "all %d checks passed.\n\n", n-r.count(Skipped))
	default:
		fmt.Fprintf(&b, "%d of %d checks failed.\n\n", len(failed), n-r.count(Skipped))
	}
	for i := range r.Findings {
		r.Findings[i].write(&b)
	}
	if len(failed) > 0 {
		b.WriteByte('\n')
		wrap(&b, "", fmt.Sprintf("Failed: %s. Each failure above names the negotiation and the round where the rule was first broken.", strings.Join(failed, ", ")))
	}
	_, err := w.Write(b.Bytes())
	return err
}

// write prints one finding: a line with its verdict, and for a failure the
// explanation.
func (f *Finding) write(b *bytes.Buffer) {
	const indent = "      "
	fmt.Fprintf(b, "%-4s  %-21s %s", f.Status, f.Check, f.Rule)
	if f.Status == Passed && f.Negotiations > 0 {
		fmt.Fprintf(b, " (%d negotiations)", f.Negotiations)
	}
	b.WriteByte('\n')
	switch f.Status {
	case Skipped:
		wrap(b, indent, "Skipped: "+f.Note)
	case Failed:
		wrap(b, indent, f.About)
		if f.Negotiations > 0 {
			wrap(b, indent, fmt.Sprintf("Broken in %d of %d negotiations. The first time:", f.Failures, f.Negotiations))
		}
		if f.Where != "" {
			where := "Playing " + f.Where
			if f.Round > 0 {
				where += fmt.Sprintf(", in round %d", f.Round)
				if f.Against != "" {
					where += ", answering the partner's " + f.Against
				} else {
					where += ", opening"
				}
				if f.Did != "" {
					where += ", it played " + f.Did
				}
			}
			wrap(b, indent, where+":")
		}
		wrap(b, indent, upper(f.Problem)+".")
		if f.Stopped != "" {
			wrap(b, indent, "The check stopped there: "+f.Stopped+".")
		}
		if f.Transcript != "" {
			b.WriteString(indent + "The negotiation:\n")
			for line := range strings.SplitSeq(f.Transcript, "\n") {
				b.WriteString(indent + "  " + strings.TrimLeft(line, "\t") + "\n")
			}
		}
		if f.Hint != "" {
			wrap(b, indent, "How to fix it: "+f.Hint)
		}
	}
}

// String returns the finding as a Report prints it.
func (f *Finding) String() string {
	var b bytes.Buffer
	f.write(&b)
	return b.String()
}

// String returns the report as Write prints it.
func (r *Report) String() string {
	var b strings.Builder
	_ = r.Write(&b)
	return b.String()
}

// notRun counts the checks skipped because Check stopped.
func (r *Report) notRun() int {
	n := 0
	for _, f := range r.Findings {
		if f.Status == Skipped && (f.Note == notRun || f.Note == notFinished) {
			n++
		}
	}
	return n
}

func (r *Report) count(s Status) int {
	n := 0
	for _, f := range r.Findings {
		if f.Status == s {
			n++
		}
	}
	return n
}

// upper capitalises a sentence that starts with the default agent name
// ("your agent …"); a name the caller chose is printed as given.
func upper(s string) string {
	if strings.HasPrefix(s, "your ") {
		return "Y" + s[1:]
	}
	return s
}

// wrap writes text as lines of at most reportWidth columns, each starting
// with indent.
// A move's list, "offer[3 1]", is never split.
func wrap(b *bytes.Buffer, indent, text string) {
	text = keepLists(text)
	line := indent
	for word := range strings.FieldsSeq(text) {
		word = strings.ReplaceAll(word, "\x00", " ")
		if len(line) > len(indent) && len(line)+1+len(word) > reportWidth {
			b.WriteString(line + "\n")
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += word
	}
	b.WriteString(line + "\n")
}

// keepLists joins the words of each bracketed list with NULs, so wrap does
// not split it.
func keepLists(s string) string {
	out := []byte(s)
	depth := 0
	for i, c := range out {
		switch {
		case c == '[':
			depth++
		case c == ']' && depth > 0:
			depth--
		case c == ' ' && depth > 0:
			out[i] = 0
		}
	}
	return string(out)
}
