// The browser check runs in CI's first pass, without the race detector,
// which slows its two tournaments tenfold and has nothing to find in a
// browser's pages.

//go:build !race

package report_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/winwin-sim/winwin/cli"
	"github.com/winwin-sim/winwin/report"
)

// The browser check: Debian's chromium, driven headless over the DevTools
// protocol, opens report.html and slides.html as a reader would, and checks
// what only a browser can tell: no page-level horizontal scroll at 390 px (a
// phone), no console error, every chart image loaded and shown at the
// projector width the charts' text sizes assume, and the page count of
// printing. Without chromium it skips, unless WINWIN_REQUIRE_BROWSER=1 (set
// by .ci/run, which installs chromium), where a missing browser fails.

// maxReportPages is the most A4 pages the classic report may print on.
const maxReportPages = 8

// projectorWidth is the least width, in CSS pixels, at which the report
// shows a chart on a 1280-pixel screen: results' TestChartsLegibleOnProjector
// sizes the charts' text for it.
const projectorWidth = 1080

func TestBrowserReportAndSlides(t *testing.T) {
	browser := findBrowser(t)
	base := t.TempDir()
	// The classic tournament (fewer relationships: the page is the same
	// shape) and the workshop run, with its slides.
	classic := runInto(t, base, "classic", "../configs/classic.toml", "--relationships", "10")
	workshop := runInto(t, base, "workshop", "../configs/workshop.toml", "--relationships", "10")
	for _, dir := range []string{classic, workshop} {
		if code := cli.Main(context.Background(), []string{"slides", dir}, cli.WithIO(nil, &bytes.Buffer{}, &bytes.Buffer{}, false)); code != cli.ExitOK {
			t.Fatalf("winwin slides %s: exit %d", dir, code)
		}
	}

	b := startBrowser(t, browser)
	// The checks catch what they claim to: a page that scrolls sideways
	// on a phone, a broken image and console errors.
	t.Run("a broken page fails", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "bad.html")
		page := `<!DOCTYPE html><html><body><div style="width:1000px">wide</div>` +
			`<img alt="broken" src="data:image/png;base64,AAAA"><script>console.error("boom"); null.x;</script></body></html>`
		if err := os.WriteFile(bad, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		in := b.inspect(t, bad)
		if in.phoneWidth <= 390 || len(in.sticking) == 0 {
			t.Errorf("a 1000-px-wide page: %.0f px wide at 390, sticking out: %v", in.phoneWidth, in.sticking)
		}
		if len(in.images) != 1 || in.images[0].loaded {
			t.Errorf("a broken image: %+v", in.images)
		}
		if len(in.console) < 2 {
			t.Errorf("console.error and an exception: got %q", in.console)
		}
	})
	for _, tt := range []struct {
		name, file string
		// pages is the bound on the printed pages: at most, or exactly
		// for the slides (one a page).
		pages int
		exact bool
	}{
		{"classic report", filepath.Join(classic, report.File), maxReportPages, false},
		{"workshop report", filepath.Join(workshop, report.File), 0, false},
		{"workshop slides", filepath.Join(workshop, report.SlidesFile), 0, true},
		{"classic slides", filepath.Join(classic, report.SlidesFile), 0, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			slides := strings.HasSuffix(tt.file, report.SlidesFile)
			in := b.inspect(t, tt.file)
			if in.phoneWidth > 390 {
				t.Errorf("at 390 px the page is %.0f px wide: it scrolls sideways; sticking out: %v", in.phoneWidth, in.sticking)
			}
			if len(in.images) == 0 {
				t.Error("no chart image")
			}
			for _, im := range in.images {
				if !im.loaded {
					t.Errorf("chart %q did not load", im.alt)
				}
				if !slides && im.width < projectorWidth {
					t.Errorf("chart %q shown %.0f px wide at 1280, want ≥ %d", im.alt, im.width, projectorWidth)
				}
			}
			switch {
			case tt.exact && in.pages != in.slides:
				t.Errorf("printed on %d pages, want one per slide: %d", in.pages, in.slides)
			case tt.pages > 0 && in.pages > tt.pages:
				t.Errorf("printed on %d pages, want at most %d", in.pages, tt.pages)
			case in.pages == 0:
				t.Error("printed nothing")
			}
			t.Logf("%s: %d pages printed", tt.name, in.pages)
			for _, e := range in.console {
				t.Errorf("console: %s", e)
			}
			if slides {
				checkSlideKeys(t, b.ctx)
				checkSlidesFit(t, b.ctx)
				for _, e := range b.takeErrors() {
					t.Errorf("console, stepping through the slides: %s", e)
				}
			}
		})
	}
}

// A browser is a headless chromium with one tab, and the console errors
// of the page open in it.
type browser struct {
	ctx    context.Context
	mu     sync.Mutex
	errors []string
}

// An inspection is what a browser saw of a page.
type inspection struct {
	// phoneWidth is the page's width at a 390-px viewport; sticking names
	// the outermost elements that stick out, if it is wider.
	phoneWidth float64
	sticking   []string
	// images are the page's images at a 1280-px viewport.
	images []image
	// pages is the number of pages printing gives; slides the number of
	// elements of class "slide".
	pages, slides int
	// console holds the errors the page wrote to the console.
	console []string
}

type image struct {
	alt    string
	loaded bool
	width  float64
}

func startBrowser(t *testing.T, path string) *browser {
	t.Helper()
	ctx, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("no-first-run", true), chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true))
	t.Cleanup(cancel)
	ctx, cancel = chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(cancel)
	b := &browser{ctx: ctx}
	if err := chromedp.Listen(ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				b.errors = append(b.errors, fmt.Sprintf("console.%s", e.Type))
			}
		case *runtime.EventExceptionThrown:
			b.errors = append(b.errors, "exception: "+e.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError {
				b.errors = append(b.errors, "log: "+e.Entry.Text)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, cdplog.Enable, cdp.Empty{})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	return b
}

// inspect opens file at the width of a phone, then of a 1280-px screen,
// and prints it.
func (b *browser) inspect(t *testing.T, file string) inspection {
	t.Helper()
	var in inspection
	url := "file://" + file
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	b.takeErrors()
	must(chromedp.Do(b.ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(url)))
	w, err := chromedp.Run(b.ctx, chromedp.Evaluate[float64](`document.documentElement.scrollWidth`))
	must(err)
	in.phoneWidth = w
	if w > 390 {
		in.sticking, err = chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("body *")]
			.filter(e => e.getBoundingClientRect().right > innerWidth + 1 && !(e.parentElement.getBoundingClientRect().right > innerWidth + 1))
			.slice(0, 5).map(e => e.tagName.toLowerCase() + "." + e.className + " " + Math.round(e.getBoundingClientRect().right) + "px")`))
		must(err)
	}
	must(chromedp.Do(b.ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(url)))
	imgs, err := chromedp.Run(b.ctx, chromedp.Evaluate[[][]any](
		`[...document.images].map(i => [i.alt, i.complete && i.naturalWidth > 0, i.getBoundingClientRect().width])`))
	must(err)
	for _, im := range imgs {
		var x image
		x.alt, _ = im[0].(string)
		x.loaded, _ = im[1].(bool)
		x.width, _ = im[2].(float64)
		in.images = append(in.images, x)
	}
	in.slides, err = chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll(".slide").length`))
	must(err)
	pdf, err := chromedp.Run(b.ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	must(err)
	in.pages = len(pdfPage.FindAll(pdf, -1))
	if out := os.Getenv("WINWIN_BROWSER_OUT"); out != "" {
		// Keep the PDF, to look at it.
		must(os.WriteFile(filepath.Join(out, filepath.Base(filepath.Dir(file))+"-"+strings.TrimSuffix(filepath.Base(file), ".html")+".pdf"), pdf, 0o644))
	}
	in.console = b.takeErrors()
	return in
}

// takeErrors returns the console errors seen since the last call.
func (b *browser) takeErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	e := b.errors
	b.errors = nil
	return e
}

// pdfPage matches a page object of a PDF file (and not the page tree's
// /Type /Pages).
var pdfPage = regexp.MustCompile(`/Type\s*/Page\b[^s]`)

// checkSlideKeys: the arrow keys step through the deck, one slide shown at
// a time.
func checkSlideKeys(t *testing.T, ctx context.Context) {
	t.Helper()
	shown := func() []int {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](
			`[...document.querySelectorAll(".slide")].flatMap((s, i) => getComputedStyle(s).display === "none" ? [] : [i])`))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if got := shown(); len(got) != 1 || got[0] != 0 {
		t.Fatalf("on opening, slides %v shown, want only the first", got)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowLeft)); err != nil {
		t.Fatal(err)
	}
	if got := shown(); len(got) != 1 || got[0] != 1 {
		t.Errorf("after → → ←, slides %v shown, want only the second", got)
	}
}

// checkSlidesFit: on a 16:9 projector (1280×720) every slide holds its
// content. A slide hides what overflows it, so a table with more rows than
// fit would lose its last ones without a sign (the classic field's twelve
// strategies once did).
func checkSlidesFit(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 720)); err != nil {
		t.Fatal(err)
	}
	cut, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const ss = [...document.querySelectorAll(".slide")], out = [];
		ss.forEach((s, i) => {
			ss.forEach((o) => o.classList.toggle("on", o === s));
			if (s.scrollHeight > s.clientHeight + 1) {
				const h = s.querySelector("h1, h2");
				out.push("slide " + (i + 1) + " (" + (h ? h.textContent : "") + "): " + s.scrollHeight + " px of content in " + s.clientHeight);
			}
		});
		ss.forEach((o, i) => o.classList.toggle("on", i === 0));
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cut {
		t.Errorf("cut off at 1280×720: %s", c)
	}
}

// findBrowser returns the path of chromium, or skips the test when there is
// none and WINWIN_REQUIRE_BROWSER is not 1.
func findBrowser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("WINWIN_REQUIRE_BROWSER") == "1" {
		t.Fatal("no chromium found, and WINWIN_REQUIRE_BROWSER=1: apt-get update && apt-get install -y chromium")
	}
	t.Skip("no chromium found (apt-get install chromium); CI sets WINWIN_REQUIRE_BROWSER=1 and runs this check")
	return ""
}

// runInto runs winwin run with args into a folder under base and returns
// the run folder.
func runInto(t *testing.T, base, name string, args ...string) string {
	t.Helper()
	out := filepath.Join(base, name)
	var stderr bytes.Buffer
	full := append([]string{"run", "--no-progress", "--workers", "2", "--out", out}, args...)
	if code := cli.Main(context.Background(), full, cli.WithIO(nil, &bytes.Buffer{}, &stderr, false)); code != cli.ExitOK {
		t.Fatalf("winwin %s: exit %d: %s", strings.Join(full, " "), code, stderr.String())
	}
	dirs, err := filepath.Glob(filepath.Join(out, "*"))
	if err != nil || len(dirs) != 1 {
		t.Fatalf("run folders under %s: %v %v", out, dirs, err)
	}
	return dirs[0]
}
