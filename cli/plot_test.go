package cli_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/cli"
)

// negotiate --plot draws the negotiation it prints, as PNG or SVG, the
// same bytes for the same seed, and refuses what it cannot draw.
func TestNegotiatePlot(t *testing.T) {
	dir := t.TempDir()
	var first []byte
	for i, name := range []string{"a.png", "b.png", "c.svg"} {
		path := filepath.Join(dir, name)
		code, stdout, stderr := winwin(t, context.Background(), "negotiate", "hard-anchorer", "integrative", "--seed", "7", "--plot", path)
		if code != cli.ExitOK {
			t.Fatalf("%s: exit %d: %s", name, code, stderr)
		}
		if !strings.Contains(stdout, "Deal in round") {
			t.Errorf("%s: the transcript is not printed as well:\n%s", name, stdout)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		switch filepath.Ext(name) {
		case ".png":
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil || img.Bounds().Dx() < 1000 {
				t.Errorf("%s: not a chart-sized PNG: %v", name, err)
			}
			if i == 0 {
				first = data
			} else if !bytes.Equal(first, data) {
				t.Errorf("the same negotiation drew different bytes")
			}
		case ".svg":
			d := xml.NewDecoder(bytes.NewReader(data))
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s: not XML: %v", name, err)
				}
			}
			for _, want := range []string{"One negotiation: hard-anchorer (seller) vs integrative (buyer)", "Nash point", "deal (", "seller&#39;s offers (hard-anchorer)"} {
				if !strings.Contains(string(data), want) {
					t.Errorf("%s lacks %q", name, want)
				}
			}
		}
	}
	for _, tt := range []struct {
		args []string
		err  string
	}{
		{[]string{"--plot", filepath.Join(dir, "x.jpg")}, "ends in .png or .svg"},
		{[]string{"--plot", filepath.Join(dir, "x.png"), "--periods", "3"}, "draws one negotiation"},
	} {
		code, _, stderr := winwin(t, context.Background(), append([]string{"negotiate", "boulware", "conceder"}, tt.args...)...)
		if code != cli.ExitUsage || !strings.Contains(stderr, tt.err) {
			t.Errorf("%q: exit %d, %q; want %d and %q", tt.args, code, stderr, cli.ExitUsage, tt.err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.png")); err == nil {
		t.Error("a refused --plot wrote its file")
	}
}
