package cli

import (
	"flag"
	"fmt"
	"strconv"
)

// Flags are checked like config keys: a value outside what a flag allows is
// a usage error (exit status 2) that names the flag and what it allows,
// raised while the flags are parsed, before anything runs. The flag
// package words it as
//
//	invalid value "-5" for flag -workers: must be a whole number 0..4096
//
// Each value type also records whether the flag was given at all, so that a
// flag overrides a config key only when it is on the command line.

// intFlag is a whole number in [lo, hi].
type intFlag struct {
	v      int
	lo, hi int
	set    bool
}

// intVar defines an int flag that accepts whole numbers lo..hi.
func intVar(fs *flag.FlagSet, name string, def, lo, hi int, usage string) *intFlag {
	f := &intFlag{v: def, lo: lo, hi: hi}
	fs.Var(f, name, fmt.Sprintf("%s (%d..%d)", usage, lo, hi))
	return f
}

func (f *intFlag) String() string {
	if f == nil {
		return ""
	}
	return strconv.Itoa(f.v)
}

func (f *intFlag) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < int64(f.lo) || n > int64(f.hi) {
		return fmt.Errorf("must be a whole number %d..%d", f.lo, f.hi)
	}
	f.v, f.set = int(n), true
	return nil
}

// seedFlag is a random seed: a whole number 0..hi, nothing after it.
type seedFlag struct {
	v   uint64
	hi  uint64
	set bool
}

// seedVar defines a seed flag that accepts whole numbers 0..hi (a run's
// seed is written into its config.toml, whose integers stop at 2^63−1; a
// single negotiation takes any 64-bit seed).
func seedVar(fs *flag.FlagSet, name string, def, hi uint64, usage string) *seedFlag {
	f := &seedFlag{v: def, hi: hi}
	fs.Var(f, name, usage)
	return f
}

func (f *seedFlag) String() string {
	if f == nil {
		return ""
	}
	return strconv.FormatUint(f.v, 10)
}

func (f *seedFlag) Set(s string) error {
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n > f.hi {
		return fmt.Errorf("must be a whole number 0..%d", f.hi)
	}
	f.v, f.set = n, true
	return nil
}

// fractionFlag is a finite number in [lo, hi).
type fractionFlag struct {
	v      float64
	lo, hi float64
	set    bool
}

// fractionVar defines a number flag that accepts finite numbers from lo up
// to but not including hi.
func fractionVar(fs *flag.FlagSet, name string, def, lo, hi float64, usage string) *fractionFlag {
	f := &fractionFlag{v: def, lo: lo, hi: hi}
	fs.Var(f, name, fmt.Sprintf("%s (%v up to, not including, %v)", usage, lo, hi))
	return f
}

func (f *fractionFlag) String() string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(f.v, 'g', -1, 64)
}

func (f *fractionFlag) Set(s string) error {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || !(x >= f.lo && x < f.hi) { // NaN fails both
		return fmt.Errorf("must be a number from %v up to, not including, %v", f.lo, f.hi)
	}
	f.v, f.set = x, true
	return nil
}
