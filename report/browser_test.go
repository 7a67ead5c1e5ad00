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
	if code := cli.Main(context.Background(), []string{"slides", workshop}, cli.WithIO(nil, &bytes.Buffer{}, &bytes.Buffer{}, false)); code != cli.ExitOK {
		t.Fatalf("winwin slides: exit %d", code)
	}

	ctx, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(browser), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("no-first-run", true), chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true))
	defer cancel()
	ctx, cancel = chromedp.NewContext(ctx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 4*time.Minute)
	defer cancel()

	var (
		mu     sync.Mutex
		errors []string
	)
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				errors = append(errors, fmt.Sprintf("console.%s", e.Type))
			}
		case *runtime.EventExceptionThrown:
			errors = append(errors, "exception: "+e.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError {
				errors = append(errors, "log: "+e.Entry.Text)
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
	takeErrors := func() []string {
		mu.Lock()
		defer mu.Unlock()
		e := errors
		errors = nil
		return e
	}

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
	} {
		t.Run(tt.name, func(t *testing.T) {
			url := "file://" + tt.file
			// A phone.
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(url)); err != nil {
				t.Fatal(err)
			}
			over, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[document.documentElement.scrollWidth, window.innerWidth]`))
			if err != nil {
				t.Fatal(err)
			}
			if over[0] > over[1] {
				// Name the outermost elements that stick out, to say what to fix.
				wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("body *")]
					.filter(e => e.getBoundingClientRect().right > innerWidth + 1 && !(e.parentElement.getBoundingClientRect().right > innerWidth + 1))
					.slice(0, 5).map(e => e.tagName.toLowerCase() + "." + e.className + " " + Math.round(e.getBoundingClientRect().right) + "px")`))
				t.Errorf("at 390 px the page is %.0f px wide: it scrolls sideways; sticking out: %v", over[0], wide)
			}
			// A projector.
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(url)); err != nil {
				t.Fatal(err)
			}
			imgs, err := chromedp.Run(ctx, chromedp.Evaluate[[][]any](
				`[...document.images].map(i => [i.alt, i.complete && i.naturalWidth > 0, i.getBoundingClientRect().width])`))
			if err != nil {
				t.Fatal(err)
			}
			if len(imgs) == 0 {
				t.Error("no chart image")
			}
			for _, im := range imgs {
				if ok, _ := im[1].(bool); !ok {
					t.Errorf("chart %v did not load", im[0])
				}
				if w, _ := im[2].(float64); !strings.HasSuffix(tt.file, report.SlidesFile) && w < projectorWidth {
					t.Errorf("chart %v shown %.0f px wide at 1280, want ≥ %d", im[0], w, projectorWidth)
				}
			}
			if strings.HasSuffix(tt.file, report.SlidesFile) {
				checkSlideKeys(t, ctx)
			}
			pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
			if err != nil {
				t.Fatal(err)
			}
			pages := len(regexp.MustCompile(`/Type\s*/Page\b[^s]`).FindAll(pdf, -1))
			if out := os.Getenv("WINWIN_BROWSER_OUT"); out != "" {
				os.WriteFile(filepath.Join(out, strings.ReplaceAll(tt.name, " ", "-")+".pdf"), pdf, 0o644)
			}
			switch {
			case tt.exact:
				slides, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".slide").length`))
				if err != nil {
					t.Fatal(err)
				}
				if pages != slides {
					t.Errorf("printed on %d pages, want one per slide: %d", pages, slides)
				}
			case tt.pages > 0 && pages > tt.pages:
				t.Errorf("printed on %d pages, want at most %d", pages, tt.pages)
			case pages == 0:
				t.Error("printed nothing")
			}
			t.Logf("%s: %d pages printed", tt.name, pages)
			for _, e := range takeErrors() {
				t.Errorf("console: %s", e)
			}
		})
	}
}

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
