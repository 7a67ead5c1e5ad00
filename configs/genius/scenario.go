package genius

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/internal/safetext"
	"github.com/winwin-sim/winwin/internal/words"
)

// Format is the format of a scenario folder.
type Format string

// Scenario formats.
const (
	// GeniusXML is GENIUS's: a domain file whose root is
	// <negotiation_template> and profiles whose root is <utility_space>.
	GeniusXML Format = "genius"
	// GeniusWebJSON is GeniusWeb's: a domain {"name", "issuesValues"} and
	// {"LinearAdditiveUtilitySpace": …} profiles.
	GeniusWebJSON Format = "geniusweb"
)

// Options choose a scenario's two profiles and say how to import it.
type Options struct {
	// Seller and Buyer choose the seller's and the buyer's profile: a file
	// name in the folder, or a position 1, 2, … among its profiles sorted
	// by file name. Left empty, a folder of two profiles gives the first
	// to the seller and the second to the buyer; with more profiles both
	// must be chosen.
	Seller, Buyer string
	// RealSteps is the number of even steps a real issue is cut into
	// (RealSteps+1 options); 0 means DefaultRealSteps.
	RealSteps int
	// IgnoreDiscount imports a profile with a discount factor below 1
	// without it, instead of refusing it (see the package documentation).
	IgnoreDiscount bool
	// MaxFileSize is the most bytes read from one file; 0 means 1 MiB.
	MaxFileSize int64
}

// Limits of a scenario folder.
const (
	// MaxRealSteps bounds Options.RealSteps.
	MaxRealSteps = 1000
	// MaxIssues bounds the issues of a domain, as winwin's own domains.
	MaxIssues = 100
	// maxFiles bounds the files of a folder looked at.
	maxFiles = 100
)

// A Scenario is an imported scenario: the domain and the two chosen
// profiles as winwin preferences, with the same utility for every outcome
// as GENIUS or GeniusWeb computes.
type Scenario struct {
	// Name is the folder's name (at most 64 bytes), the domain's name in
	// winwin.
	Name   string
	Format Format
	// Dir is the folder as given; DomainFile and Profiles are the paths of
	// its domain file ("" for a GeniusWeb folder of profiles only, whose
	// domain is the one they hold) and of every profile, sorted.
	Dir        string
	DomainFile string
	Profiles   []string
	// Chosen are the seller's and the buyer's profiles.
	Chosen [2]string
	// Domain and Prefs are the scenario in winwin's terms, Prefs indexed
	// by role (agents.Seller, agents.Buyer).
	Domain *agents.Domain
	Prefs  [2]*agents.Preferences
	// Discount is each chosen profile's discount factor (1: none).
	Discount [2]float64
	// RealSteps is the number of steps real issues were cut into.
	RealSteps int

	specs   map[int][3]float64
	hasReal bool
}

// Load imports the scenario in the folder dir of the file system: its
// domain file and the two profiles opt chooses. Every problem is an
// *Error naming the file and the element.
func Load(dir string, opt Options) (*Scenario, error) {
	return load(os.DirFS(dir), ".", dir, filepath.Join, opt)
}

// LoadFS is Load for the folder dir of fsys (a path fs.ValidPath accepts).
func LoadFS(fsys fs.FS, dir string, opt Options) (*Scenario, error) {
	return load(fsys, dir, dir, func(elem ...string) string { return path.Join(elem...) }, opt)
}

// A scenario file, classified.
type file struct {
	name string // as errors show it
	data []byte
	kind string // "domain" or "profile"
	fmt  Format
	// typ is a GeniusWeb profile's type.
	typ string
}

func load(fsys fs.FS, dir, display string, join func(...string) string, opt Options) (*Scenario, error) {
	if opt.RealSteps == 0 {
		opt.RealSteps = DefaultRealSteps
	}
	if opt.RealSteps < 1 || opt.RealSteps > MaxRealSteps {
		return nil, fmt.Errorf("genius: real steps %d: want 1..%d", opt.RealSteps, MaxRealSteps)
	}
	if opt.MaxFileSize <= 0 {
		opt.MaxFileSize = 1 << 20
	}
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("genius: scenario folder %s: %w", safetext.Escape(display), unwrapPath(err))
	}
	var files []file
	n := 0
	for _, e := range ents {
		ext := strings.ToLower(path.Ext(e.Name()))
		if e.IsDir() || (ext != ".xml" && ext != ".json") {
			continue
		}
		if n++; n > maxFiles {
			return nil, fmt.Errorf("genius: scenario folder %s: more than %d .xml and .json files", safetext.Escape(display), maxFiles)
		}
		name := join(display, e.Name())
		data, err := readCapped(fsys, path.Join(dir, e.Name()), opt.MaxFileSize)
		if err != nil {
			return nil, fmt.Errorf("genius: %s: %w", safetext.Escape(name), err)
		}
		f, err := classify(name, data, ext)
		if err != nil {
			return nil, err
		}
		if f.kind != "" {
			files = append(files, f)
		}
	}
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.name, b.name) })
	sc := &Scenario{Dir: display, Name: folderName(display), RealSteps: opt.RealSteps}
	var doms, profs []file
	for _, f := range files {
		if sc.Format == "" {
			sc.Format = f.fmt
		} else if f.fmt != sc.Format {
			return nil, fmt.Errorf("genius: scenario folder %s mixes GENIUS XML and GeniusWeb JSON files (%s): keep one scenario per folder", safetext.Escape(display), safetext.Escape(f.name))
		}
		if f.kind == "domain" {
			doms = append(doms, f)
		} else {
			profs = append(profs, f)
			sc.Profiles = append(sc.Profiles, f.name)
		}
	}
	switch {
	case len(doms) > 1:
		return nil, fmt.Errorf("genius: scenario folder %s has %d domain files (%s, %s…): keep one scenario per folder", safetext.Escape(display), len(doms), safetext.Escape(doms[0].name), safetext.Escape(doms[1].name))
	case len(doms) == 0 && (sc.Format != GeniusWebJSON || len(profs) == 0):
		return nil, fmt.Errorf("genius: scenario folder %s holds no domain file (GENIUS XML with root <negotiation_template>, or a GeniusWeb JSON domain with issuesValues)", safetext.Escape(display))
	}
	chosen, err := choose(profs, opt, display)
	if err != nil {
		return nil, err
	}
	// The domain: its file, or a GeniusWeb profile's own.
	var d *domain
	if len(doms) == 1 {
		sc.DomainFile = doms[0].name
		if sc.Format == GeniusXML {
			d, err = readXMLDomain(doms[0].data, doms[0].name)
		} else {
			if err = checkJSON(doms[0].data, doms[0].name); err == nil {
				d, _, err = readJSONDomain(doms[0].data, doms[0].name)
			}
		}
	} else {
		f := chosen[0]
		if f.typ != linearAdditive {
			return nil, &Error{File: f.name, Element: f.typ, Msg: fmt.Sprintf("a %s profile: winwin reads %s profiles only", f.typ, linearAdditive)}
		}
		_, body, _ := profileType(f.data)
		emb := get(mustMembers(body), "domain")
		if emb == nil {
			return nil, &Error{File: f.name, Element: jsonPath(f.typ), Msg: "the folder has no domain file and the profile holds no domain"}
		}
		d, _, err = readJSONDomain(emb, f.name, f.typ, "domain")
	}
	if err != nil {
		return nil, err
	}
	if err := d.build(opt.RealSteps, func(i int) string { return issueElem(sc.Format, d.issues[i]) }); err != nil {
		return nil, err
	}
	sc.Domain = d.agents
	sc.Domain.Name = sc.Name
	sc.specs = d.specs
	sc.hasReal = slices.ContainsFunc(d.issues, func(is issue) bool { return is.kind == Real })
	for r, f := range chosen {
		var p *profile
		if sc.Format == GeniusXML {
			p, err = readXMLProfile(f.data, f.name, d)
		} else {
			p, err = readJSONProfile(f.data, f.name, d)
		}
		if err != nil {
			return nil, err
		}
		if p.discount < 1 && !opt.IgnoreDiscount {
			return nil, &Error{File: f.name, Line: p.discountLine, Element: p.discountElem, Msg: fmt.Sprintf(
				"discount factor %v: GENIUS discounts this profile's utilities by the time a deal takes (u·%v^t, t from 0 to 1 over the negotiation), which winwin's model cannot carry: its utilities do not change within a negotiation, and its own discount δ is across deals. To run the scenario undiscounted, import it with discount = \"ignore\" (in a config's domain table) or genius:DIR,discount=ignore", p.discount, p.discount)}
		}
		sc.Chosen[r], sc.Discount[r] = f.name, p.discount
		if sc.Prefs[r], err = p.preferences(d); err != nil {
			return nil, err
		}
	}
	return sc, nil
}

// issueElem describes issue is for errors.
func issueElem(f Format, is issue) string {
	if f == GeniusXML {
		return fmt.Sprintf("<issue name=%q index=%q>", is.name, is.key)
	}
	return jsonPath("issuesValues", is.name)
}

// classify tells a domain file from a profile; kind is "" for a file
// that is neither.
func classify(name string, data []byte, ext string) (file, error) {
	f := file{name: name, data: data}
	if ext == ".xml" {
		f.fmt = GeniusXML
		root, err := parseXML(data, name)
		if err != nil {
			return f, err
		}
		switch root.name {
		case xmlDomainRoot:
			f.kind = "domain"
		case xmlProfileRoot:
			f.kind = "profile"
		}
		return f, nil
	}
	f.fmt = GeniusWebJSON
	if err := checkJSON(data, name); err != nil {
		return f, err
	}
	ms, err := members(data)
	if err != nil {
		return f, nil // not an object: not a scenario file
	}
	switch {
	case get(ms, "issuesValues") != nil:
		f.kind = "domain"
	case len(ms) == 1:
		// A GeniusWeb profile is one key, its type; which types winwin
		// reads is checked when it is chosen.
		f.kind, f.typ = "profile", ms[0].key
	}
	return f, nil
}

// choose returns the seller's and the buyer's profile.
func choose(profs []file, opt Options, display string) ([2]file, error) {
	var out [2]file
	names := make([]string, len(profs))
	for i, p := range profs {
		names[i] = path.Base(filepath.ToSlash(p.name))
	}
	list := func() string {
		var b strings.Builder
		for i, n := range names {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%d %s", i+1, n)
		}
		return b.String()
	}
	if len(profs) < 2 && !(len(profs) == 1 && opt.Seller != "" && opt.Buyer != "") {
		return out, fmt.Errorf("genius: scenario folder %s has %s: winwin needs two, the seller's and the buyer's", safetext.Escape(display), words.Count(len(profs), "profile"))
	}
	pick := func(role, sel string) (int, error) {
		if k, err := strconv.Atoi(sel); err == nil {
			if k < 1 || k > len(profs) {
				return 0, fmt.Errorf("genius: %s profile %d: the folder %s has profiles 1..%d (%s)", role, k, safetext.Escape(display), len(profs), safetext.Escape(list()))
			}
			return k - 1, nil
		}
		if i := slices.Index(names, sel); i >= 0 {
			return i, nil
		}
		return 0, fmt.Errorf("genius: %s profile %q: no such profile in %s; its profiles: %s", role, safetext.Escape(sel), safetext.Escape(display), safetext.Escape(list()))
	}
	var idx [2]int
	sels := [2]string{opt.Seller, opt.Buyer}
	for r, role := range [2]string{"seller", "buyer"} {
		if sels[r] == "" {
			continue
		}
		i, err := pick(role, sels[r])
		if err != nil {
			return out, err
		}
		idx[r] = i
	}
	switch {
	case sels[0] == "" && sels[1] == "":
		if len(profs) > 2 {
			return out, fmt.Errorf("genius: scenario folder %s has %d profiles (%s): choose the seller's and the buyer's (seller=… and buyer=…, by name or number); winwin negotiates between two parties", safetext.Escape(display), len(profs), safetext.Escape(list()))
		}
		idx = [2]int{0, 1}
	case sels[0] == "" || sels[1] == "":
		if len(profs) > 2 {
			return out, fmt.Errorf("genius: scenario folder %s has %d profiles (%s): choose both the seller's and the buyer's", safetext.Escape(display), len(profs), safetext.Escape(list()))
		}
		// Two profiles, one chosen: the other goes to the other side.
		if sels[0] == "" {
			idx[0] = 1 - idx[1]
		} else {
			idx[1] = 1 - idx[0]
		}
	}
	return [2]file{profs[idx[0]], profs[idx[1]]}, nil
}

// folderName returns a domain name from a folder path: its last element,
// cut to 64 bytes.
func folderName(dir string) string {
	base := filepath.Base(filepath.Clean(dir))
	if abs, err := filepath.Abs(dir); base == "." && err == nil {
		base = filepath.Base(abs)
	}
	base = strings.Map(func(r rune) rune {
		if safetext.IsControl(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(base, ""))
	for len(base) > 64 {
		_, size := utf8.DecodeLastRuneInString(base)
		base = base[:len(base)-size]
	}
	if base == "" || base == "." || base == string(filepath.Separator) {
		base = "genius"
	}
	return base
}

// readCapped reads the file name of fsys, refusing more than limit bytes.
func readCapped(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, unwrapPath(err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("larger than %d bytes, the most winwin reads from a scenario file", limit)
	}
	return bytes.TrimPrefix(data, []byte("\uFEFF")), nil
}

// unwrapPath drops the path a *fs.PathError repeats: callers name the
// file themselves.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
