package genius_test

import (
	"testing"

	"github.com/winwin-sim/winwin/configs/genius"
)

// Whatever a profile or domain file holds, importing it returns an error
// or a scenario winwin can run: never a panic, never preferences that fail
// their own checks.
func FuzzLoad(f *testing.F) {
	ok := xmlProfile(okItems, "0.5", "0.5", "")
	f.Add(xmlDomain, ok, false)
	f.Add(xmlDomain, xmlProfile(okItems, "0.7", "0.6", `<reservation value="0.3"/>`), false)
	f.Add(jsonDomain, jsonProfile("0.5", "0.5"), true)
	f.Add(jsonDomain, jsonProfile("0.25", "0"), true)
	f.Add(`<negotiation_template><utility_space><objective><issue index="1" name="x" type="real"><range lowerbound="0" upperbound="1e300"/></issue></objective></utility_space></negotiation_template>`, ok, false)
	f.Fuzz(func(t *testing.T, domain, profile string, json bool) {
		ext, other := ".xml", ok
		if json {
			ext, other = ".json", jsonProfile("0.5", "0.5")
		}
		fsys := scenarioFS(map[string]string{"d" + ext: domain, "a" + ext: other, "b" + ext: profile})
		sc, err := genius.LoadFS(fsys, "s", genius.Options{})
		if err != nil {
			return
		}
		if err := sc.Domain.Validate(); err != nil {
			t.Fatalf("imported an invalid domain: %v", err)
		}
		for _, p := range sc.Prefs {
			if err := p.Validate(sc.Domain); err != nil {
				t.Fatalf("imported invalid preferences: %v", err)
			}
		}
		_ = sc.TOML()
	})
}
