package classroom

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium returns the browser to drive: Debian's /usr/bin/chromium, or
// the one WINWIN_CHROMIUM names. The test skips without one, unless
// WINWIN_REQUIRE_BROWSER is set (CI sets it): then it fails.
func chromium(t *testing.T) string {
	t.Helper()
	path := os.Getenv("WINWIN_CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath(path); err != nil {
		if os.Getenv("WINWIN_REQUIRE_BROWSER") != "" {
			t.Fatalf("WINWIN_REQUIRE_BROWSER is set but there is no browser at %s: %v", path, err)
		}
		t.Skipf("no browser at %s (set WINWIN_REQUIRE_BROWSER to make this a failure)", path)
	}
	return path
}

// TestBrowserTwoParticipantsDealWhileTheTrainerWatches drives headless
// Chromium through a class: the trainer sets up a round of participants
// against each other on the trainer's page, Ana (the seller) and Ben (the
// buyer) join from phone-sized pages, each in a browser context of its own
// (its own cookies), negotiate to a deal, and the trainer's board shows
// it. With WINWIN_SCREENSHOTS=DIR it saves the pages it looked at there.
func TestBrowserTwoParticipantsDealWhileTheTrainerWatches(t *testing.T) {
	path := chromium(t)
	room := newRoom(t, filepath.Join(t.TempDir(), "class.db"))
	defer room.Close()
	srv := NewServer(room, "")
	ts := httptest.NewServer(srv)
	defer ts.Close()
	srv.JoinURL = ts.URL + "/?code=" + room.Code()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true), chromedp.UserDataDir(t.TempDir()))
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	browser, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(browser); err != nil { // starts the browser
		t.Fatal(err)
	}
	tab := func(w, h int64) context.Context {
		ctx, _ := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h)); err != nil {
			t.Fatal(err)
		}
		return ctx
	}
	do := func(ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		c, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(c, steps...); err != nil {
			page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText.slice(0, 1500)`))
			t.Fatalf("%s: %v\nthe page reads:\n%s", what, err, page)
		}
	}
	until := func(js string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Poll[bool](js, chromedp.WithPollingTimeout(15*time.Second))(ctx, t)
			return err
		})
	}
	shot := func(ctx context.Context, name string) {
		dir := os.Getenv("WINWIN_SCREENSHOTS")
		if dir == "" {
			return
		}
		b, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	trainer := tab(1280, 900)
	ana, ben := tab(390, 844), tab(390, 844)
	for _, p := range []struct {
		ctx  context.Context
		name string
	}{{ana, "Ana"}, {ben, "Ben"}} {
		do(p.ctx, p.name+" joins",
			chromedp.Navigate(srv.JoinURL),
			chromedp.WaitVisible(chromedp.CSS("#joinForm")),
			chromedp.SetValue(chromedp.CSS("#name"), p.name),
			chromedp.Click(chromedp.CSS(`#joinForm button`)),
			chromedp.WaitVisible(chromedp.CSS("#lobby")))
	}
	do(trainer, "the trainer starts a round of participants against each other",
		chromedp.Navigate(ts.URL+"/trainer?token="+room.TrainerToken()),
		until(`document.querySelectorAll('#strategies input').length > 0 && document.getElementById('peopleCount').textContent === '2'`),
		chromedp.SetValue(chromedp.CSS("#domain"), "price-haggle"),
		chromedp.SetValue(chromedp.CSS("#opponents"), "humans"),
		chromedp.Click(chromedp.CSS(`#roundForm button[type=submit]`)),
		until(`document.querySelectorAll('#sessions tr').length === 1`))

	offer := func(ctx context.Context, who, price string) {
		do(ctx, who+" offers "+price,
			until(`document.getElementById('status').textContent.startsWith('Your turn')`),
			chromedp.SendKeys(chromedp.CSS(`#issues input`), price),
			chromedp.Click(chromedp.CSS("#sendOffer")),
			until(`!document.getElementById('status').textContent.startsWith('Your turn')`))
	}
	offer(ana, "Ana", "450k")
	do(ben, "Ben sees Ana's offer and what it is worth to him",
		until(`[...document.querySelectorAll('#moves li.theirs')].some(li => li.textContent.includes('$450,000') && li.textContent.includes('worth 0.25 to you'))`))
	shot(ben, "participant-390.png")
	offer(ben, "Ben", "$400,000")
	do(ana, "Ana accepts $400,000",
		until(`document.getElementById('status').textContent.startsWith('Your turn') && !document.getElementById('accept').disabled`),
		chromedp.Click(chromedp.CSS("#accept")),
		until(`document.getElementById('results').textContent.includes('price $400,000')`))
	do(trainer, "the trainer's board shows the deal",
		until(`document.querySelectorAll('#space circle').length === 1 && document.getElementById('priceText').textContent.includes('$400,000')`))
	shot(ana, "participant-result-390.png")
	do(trainer, "the debrief has a row for the participants", until(`document.getElementById('debrief').textContent.includes('another participant')`))
	shot(trainer, "trainer-1280.png")
}
