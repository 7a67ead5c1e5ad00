package configs

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs/genius"
	"github.com/winwin-sim/winwin/internal/didyoumean"
)

// GeniusPrefix starts a domain name that imports a GENIUS or GeniusWeb
// scenario folder (docs/model.md#standard-scenarios):
//
//	genius:DIR
//	genius:DIR,seller=Profile1.xml,buyer=2,real_steps=20,discount=ignore
//
// seller and buyer choose the profiles by file name or by position among
// the folder's profiles sorted by name; real_steps cuts real issues into
// that many even steps; discount=ignore imports profiles with a discount
// factor without it.
const GeniusPrefix = "genius:"

// geniusKeys are the keys of a config's domain = { genius = "DIR", … }.
var geniusKeys = []string{"genius", "seller", "buyer", "real_steps", "discount"}

// A geniusSpec is what a genius: domain name or table asks for.
type geniusSpec struct {
	dir  string
	opts genius.Options
}

// parseGeniusName reads "genius:DIR[,key=value…]".
func parseGeniusName(name string) (geniusSpec, error) {
	var s geniusSpec
	rest := strings.TrimPrefix(name, GeniusPrefix)
	parts := strings.Split(rest, ",")
	s.dir = parts[0]
	if s.dir == "" {
		return s, fmt.Errorf("%s needs a folder: %sDIR[,seller=…,buyer=…]", GeniusPrefix, GeniusPrefix)
	}
	for _, p := range parts[1:] {
		k, v, ok := strings.Cut(p, "=")
		if err := s.set(k, v, ok); err != nil {
			return s, err
		}
	}
	return s, nil
}

// set applies one key of a genius: name.
func (s *geniusSpec) set(k, v string, ok bool) error {
	switch {
	case !ok:
		return fmt.Errorf("%q: want key=value, one of seller, buyer, real_steps, discount", k)
	case k == "seller":
		s.opts.Seller = v
	case k == "buyer":
		s.opts.Buyer = v
	case k == "real_steps":
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > genius.MaxRealSteps {
			return fmt.Errorf("real_steps=%s: must be an integer 1..%d", v, genius.MaxRealSteps)
		}
		s.opts.RealSteps = n
	case k == "discount":
		if v != "ignore" && v != "refuse" {
			return fmt.Errorf(`discount=%s: must be "ignore" or "refuse"`, v)
		}
		s.opts.IgnoreDiscount = v == "ignore"
	default:
		if d := didyoumean.Closest(k, geniusKeys[1:]); d != "" {
			return fmt.Errorf("unknown key %q (did you mean %q?): want seller, buyer, real_steps or discount", k, d)
		}
		return fmt.Errorf("unknown key %q: want seller, buyer, real_steps or discount", k)
	}
	return nil
}

// loadGenius imports the scenario s names, reading from the file system
// relative to dir, or only from inside fsys when it is set. It returns
// the winwin domain text it converts to, and the name it is reported by.
func loadGenius(s geniusSpec, r domainReader) ([]byte, string, error) {
	s.opts.MaxFileSize = MaxFileSize
	var (
		sc  *genius.Scenario
		err error
	)
	if r.fsys == nil {
		d := s.dir
		if r.dir != "" && !filepath.IsAbs(d) {
			d = filepath.Join(r.dir, d)
		}
		sc, err = genius.Load(d, s.opts)
	} else {
		if filepath.IsAbs(s.dir) || strings.HasPrefix(s.dir, "/") || strings.HasPrefix(s.dir, `\`) || filepath.VolumeName(s.dir) != "" {
			return nil, "", errOutside{"an absolute path"}
		}
		clean := path.Clean(filepath.ToSlash(s.dir))
		if clean == ".." || strings.HasPrefix(clean, "../") || !fs.ValidPath(clean) {
			return nil, "", errOutside{`a path through ".."`}
		}
		sc, err = genius.LoadFS(r.fsys, clean, s.opts)
	}
	if err != nil {
		return nil, "", err
	}
	return sc.TOML(), GeniusPrefix + sc.Dir, nil
}

// parseGenius turns an imported scenario's winwin text into the scenario
// winwin runs: loading the text it would write is what makes an import
// and its `winwin domains import` file give identical utilities.
func parseGenius(text []byte, source string) (arena.Scenario, DomainInfo, error) {
	sc, info, err := parseDomain(text, source, source)
	if err != nil {
		// The line would be one of the converted text, which the user
		// has not seen: say what is wrong with the scenario instead.
		var e *Error
		if errors.As(err, &e) {
			return sc, info, fmt.Errorf("configs: %s: %s", source, e.Msg)
		}
		return sc, info, fmt.Errorf("configs: %s: %w", source, err)
	}
	info.Converted = text
	return sc, info, nil
}

// geniusTable reads a config's domain = { genius = "DIR", seller = …,
// buyer = …, real_steps = …, discount = … }.
func geniusTable(t *table) (geniusSpec, error) {
	var s geniusSpec
	if err := t.check(geniusKeys...); err != nil {
		return s, err
	}
	dir, err := t.label("genius", "", 4096)
	if err != nil {
		return s, err
	}
	s.dir = dir
	for _, k := range []string{"seller", "buyer"} {
		v, err := t.label(k, "", 4096)
		if err != nil {
			return s, err
		}
		if k == "seller" {
			s.opts.Seller = v
		} else {
			s.opts.Buyer = v
		}
	}
	if _, ok := t.m["real_steps"]; ok {
		n, err := t.integer("real_steps", 0, 1, genius.MaxRealSteps)
		if err != nil {
			return s, err
		}
		s.opts.RealSteps = int(n)
	}
	d, err := t.choice("discount", "refuse", "refuse", "ignore")
	if err != nil {
		return s, err
	}
	s.opts.IgnoreDiscount = d == "ignore"
	return s, nil
}

// geniusCause says what went wrong importing a scenario folder, for an
// *Error at the config's domain key.
func geniusCause(err error) string {
	var out errOutside
	if errors.As(err, &out) {
		return out.Error()
	}
	var ge *genius.Error
	if errors.As(err, &ge) {
		return "importing the scenario: " + ge.Error()
	}
	return "importing the scenario: " + strings.TrimPrefix(err.Error(), "genius: ")
}
