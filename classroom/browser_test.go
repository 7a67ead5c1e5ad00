package classroom

import (
	"context"
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

// startBrowser starts headless Chromium for the test and returns a
// function that opens a tab of the given viewport in a browser context of
// its own (its own cookies, as another person's phone).
func startBrowser(t *testing.T, path string) func(w, h int64) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true), chromedp.UserDataDir(t.TempDir()))
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	browser, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	if err := chromedp.Do(browser); err != nil { // starts the browser
		t.Fatal(err)
	}
	return func(w, h int64) context.Context {
		ctx, _ := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h)); err != nil {
			t.Fatal(err)
		}
		return ctx
	}
}

// do runs steps in ctx; on failure it quotes the page.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(c, steps...); err != nil {
		page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText.slice(0, 1500)`))
		t.Fatalf("%s: %v\nthe page reads:\n%s", what, err, page)
	}
}

// until waits until the page's expression js is true.
func until(js string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Poll[bool](js, chromedp.WithPollingTimeout(15*time.Second))(ctx, t)
		return err
	})
}

// shot saves the page's screenshot as name in WINWIN_SCREENSHOTS, if set.
func shot(t *testing.T, ctx context.Context, name string) {
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

// TestBrowserTwoParticipantsDealWhileTheTrainerWatches drives headless
// Chromium through a class: the trainer sets up a round of participants
// against each other on the trainer's page, Ana (the seller) and Ben (the
// buyer) join from phone-sized pages, each in a browser context of its own
// (its own cookies), negotiate to a deal, and the trainer's board shows
// it. With WINWIN_SCREENSHOTS=DIR it saves the pages it looked at there.
func TestBrowserTwoParticipantsDealWhileTheTrainerWatches(t *testing.T) {
	path := chromium(t)
	// Cleanups run last first: the browser closes, then the server, then
	// the room.
	room := newRoom(t, filepath.Join(t.TempDir(), "class.db"))
	t.Cleanup(func() { room.Close() })
	ts := serve(t, room)
	joinURL := ts.URL + "/?code=" + room.Code()

	tab := startBrowser(t, path)

	trainer := tab(1280, 900)
	ana, ben := tab(390, 844), tab(390, 844)
	for _, p := range []struct {
		ctx  context.Context
		name string
	}{{ana, "Ana"}, {ben, "Ben"}} {
		do(t, p.ctx, p.name+" joins",
			chromedp.Navigate(joinURL),
			chromedp.WaitVisible(chromedp.CSS("#joinForm")),
			chromedp.SetValue(chromedp.CSS("#name"), p.name),
			chromedp.Click(chromedp.CSS(`#joinForm button`)),
			chromedp.WaitVisible(chromedp.CSS("#lobby")))
	}
	do(t, trainer, "the trainer starts a round of participants against each other",
		chromedp.Navigate(ts.URL+"/trainer?token="+room.TrainerToken()),
		until(`document.querySelectorAll('#strategies input').length > 0 && document.getElementById('peopleCount').textContent === '2'`),
		chromedp.SetValue(chromedp.CSS("#domain"), "price-haggle"),
		chromedp.SetValue(chromedp.CSS("#opponents"), "humans"),
		chromedp.Click(chromedp.CSS(`#roundForm button[type=submit]`)),
		until(`document.querySelectorAll('#sessions tr').length === 1`))

	offer := func(ctx context.Context, who, price string) {
		do(t, ctx, who+" offers "+price,
			until(`document.getElementById('status').textContent.startsWith('Your turn')`),
			chromedp.SendKeys(chromedp.CSS(`#issues input`), price),
			chromedp.Click(chromedp.CSS("#sendOffer")),
			until(`!document.getElementById('status').textContent.startsWith('Your turn')`))
	}
	offer(ana, "Ana", "450k")
	do(t, ben, "Ben sees Ana's offer and what it is worth to him",
		until(`[...document.querySelectorAll('#moves li.theirs')].some(li => li.textContent.includes('$450,000') && li.textContent.includes('worth 0.25 to you'))`))
	shot(t, ben, "participant-390.png")
	offer(ben, "Ben", "$400,000")
	do(t, ana, "Ana accepts $400,000",
		until(`document.getElementById('status').textContent.startsWith('Your turn') && !document.getElementById('accept').disabled`),
		chromedp.Click(chromedp.CSS("#accept")),
		until(`document.getElementById('results').textContent.includes('price $400,000')`))
	do(t, trainer, "the trainer's board shows the deal",
		until(`document.querySelectorAll('#space circle').length === 1 && document.getElementById('priceText').textContent.includes('$400,000')`))
	shot(t, ana, "participant-result-390.png")
	do(t, trainer, "the debrief has a row for the participants", until(`document.getElementById('debrief').textContent.includes('another participant')`))
	shot(t, trainer, "trainer-1280.png")
}

// TestScreenshotsOfAFullClass plays a class of twelve scripted
// participants (half facing each other, half strategies, three deals on
// supply-deal) and saves the trainer's board at 1280 px and a
// participant's page at 390 px in the middle of a deal, for a person to
// look at. It runs only with WINWIN_SCREENSHOTS=DIR.
func TestScreenshotsOfAFullClass(t *testing.T) {
	if os.Getenv("WINWIN_SCREENSHOTS") == "" {
		t.Skip("set WINWIN_SCREENSHOTS=DIR to save the screenshots")
	}
	path := chromium(t)
	room := newRoom(t, filepath.Join(t.TempDir(), "class.db"))
	t.Cleanup(func() { room.Close() })
	ts := serve(t, room)
	for i := range 12 {
		joinAs(t, room, []string{"Ana", "Ben", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ivy", "Jo", "Kim", "Lu"}[i])
	}
	if _, err := room.StartRound(RoundSpec{Domain: "supply-deal", Opponents: VsMix, Strategies: []string{"hard-anchorer", "integrative", "flincher"}, Deals: 3, Deadline: 10}); err != nil {
		t.Fatal(err)
	}
	drive(t, room, -1)
	// A participant mid-deal in a second round: joins by browser.
	tab := startBrowser(t, path)
	me := tab(390, 844)
	do(t, me, "Mo joins", chromedp.Navigate(ts.URL+"/?code="+room.Code()), chromedp.WaitVisible(chromedp.CSS("#joinForm")),
		chromedp.SetValue(chromedp.CSS("#name"), "Mo"), chromedp.Click(chromedp.CSS("#joinForm button")), chromedp.WaitVisible(chromedp.CSS("#lobby")))
	if _, err := room.StartRound(RoundSpec{Domain: "supply-deal", Roles: RolesBuyer, Strategies: []string{"flincher"}, Deals: 3, Deadline: 10}); err != nil {
		t.Fatal(err)
	}
	do(t, me, "Mo offers", until(`document.getElementById('status').textContent.startsWith('Your turn')`),
		chromedp.Click(chromedp.CSS("#sendOffer")), until(`document.querySelectorAll('#moves li').length >= 3`))
	shot(t, me, "participant-supply-390.png")
	trainer := tab(1280, 900)
	do(t, trainer, "the trainer's board of round 1", chromedp.Navigate(ts.URL+"/trainer?token="+room.TrainerToken()),
		until(`document.querySelectorAll('#rounds button').length > 0`),
		chromedp.Click(chromedp.CSS("#rounds button")),
		until(`document.querySelectorAll('#space circle').length >= 12 && !document.getElementById('tournament').textContent.includes('running')`))
	shot(t, trainer, "trainer-class-1280.png")
	dir, err := room.Export(os.Getenv("WINWIN_SCREENSHOTS"), time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	do(t, trainer, "the exported report", chromedp.Navigate("file://"+dir+"/"+ReportFile), chromedp.WaitVisible(chromedp.CSS("h1")))
	shot(t, trainer, "export-report-1280.png")
	do(t, trainer, "the exported class report", chromedp.Navigate("file://"+dir+"/"+SessionsDir+"/class.html"), chromedp.WaitVisible(chromedp.CSS("h1")))
	shot(t, trainer, "export-class-1280.png")
}
