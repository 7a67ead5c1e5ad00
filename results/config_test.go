package results

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestEffectiveConfig(t *testing.T) {
	seed8 := []Override{{"seed", 8}}
	all := []Override{{"seed", 8}, {"relationships", 50}, {"workers", 2}}
	tests := []struct {
		name      string
		source    string
		overrides []Override
		domain    string
		want      string // the whole text, when not ""
		contains  []string
		err       string
	}{
		{name: "nothing to change", source: "seed = 7\n", want: "seed = 7\n"},
		{name: "rewritten in place", source: "# quick\n\nseed = 7 # the seed\nrelationships = 200\n[output]\ndir = \"x\"\n", overrides: all,
			want: "# quick\n\nworkers = 2  # set on the command line\n" +
				"seed = 8  # set on the command line; the file said 7\n" +
				"relationships = 50  # set on the command line; the file said 200\n" +
				"[output]\ndir = \"x\"\n"},
		{name: "inserted after the opening comments", source: "# a config\n# more\n\n[[strategies]]\nname = \"linear\"\n", overrides: seed8,
			want: "# a config\n# more\n\nseed = 8  # set on the command line\n[[strategies]]\nname = \"linear\"\n"},
		{name: "only comments, no final newline", source: "# nothing", overrides: seed8, want: "# nothing\nseed = 8  # set on the command line\n"},
		{name: "empty", source: "", overrides: seed8, want: "seed = 8  # set on the command line\n"},
		{name: "a table's key of the same name is not the top-level one", source: "[output]\nseed = 1\n", overrides: seed8,
			want: "seed = 8  # set on the command line\n[output]\nseed = 1\n"},
		{name: "a key set twice over is refused", source: "seed = 1\n[x]\n", overrides: []Override{{"seed", 8}, {"seed", 9}},
			err: "seed is overridden twice"},
		{name: "quoted key", source: "\"seed\" = 7\n", overrides: seed8, want: "seed = 8  # set on the command line; the file said 7\n"},
		{name: "CRLF and BOM kept", source: "\uFEFF# c\r\nperiods = 3\r\n", overrides: seed8,
			want: "\uFEFF# c\r\nseed = 8  # set on the command line\r\nperiods = 3\r\n"},
		{name: "multi-line string is not a key", source: "x = \"\"\"\nseed = 1\n\"\"\"\nseed = 2\n", overrides: seed8,
			contains: []string{"x = \"\"\"\nseed = 1\n\"\"\"\n", "seed = 8  # set on the command line; the file said 2"}},
		{name: "domain file copied", source: "domain = \"../domains/wide.toml\"\nseed = 1\n", domain: DomainFile,
			want: "domain = \"domain.toml\"  # a copy of the domain file \"../domains/wide.toml\"\nseed = 1\n"},
		{name: "control bytes of a path stay escaped", source: "domain = \"a\\u001b[2Jb.toml\"\n", domain: DomainFile,
			contains: []string{`# a copy of the domain file "a\x1b[2Jb.toml"`}},
		{name: "values already written are left as they are", source: "seed = 8 # mine\ndomain = \"domain.toml\"\n", overrides: seed8, domain: DomainFile,
			want: "seed = 8 # mine\ndomain = \"domain.toml\"\n"},
		{name: "bad TOML", source: "seed = \n", overrides: seed8, err: "configuration"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := EffectiveConfig(tt.source, tt.overrides, tt.domain)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one about %q; text:\n%s", err, tt.err, got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.want != "" && got != tt.want {
				t.Errorf("got:\n%q\nwant:\n%q", got, tt.want)
			}
			for _, s := range tt.contains {
				if !strings.Contains(got, s) {
					t.Errorf("lacks %q:\n%s", s, got)
				}
			}
			var doc map[string]any
			if _, err := toml.Decode(got, &doc); err != nil {
				t.Fatalf("not TOML: %v", err)
			}
			for _, o := range tt.overrides {
				if doc[o.Key] != o.Value {
					t.Errorf("%s = %v, want %d", o.Key, doc[o.Key], o.Value)
				}
			}
		})
	}
}
