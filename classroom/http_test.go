package classroom

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/winwin-sim/winwin/configs"
)

// client is one browser: its own cookie jar and connections.
type client struct {
	t    testing.TB
	base string
	hc   *http.Client
}

func newClient(t testing.TB, base string) *client {
	jar, _ := cookiejar.New(nil)
	tr := &http.Transport{MaxIdleConnsPerHost: 4}
	t.Cleanup(tr.CloseIdleConnections)
	return &client{t: t, base: base, hc: &http.Client{Jar: jar, Timeout: 10 * time.Second, Transport: tr}}
}

// post sends body as JSON and returns the status and the decoded answer.
func (c *client) post(path string, body any, out any) int {
	c.t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", c.base+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	return c.do(req, out)
}

func (c *client) get(path string, out any) int {
	c.t.Helper()
	req, _ := http.NewRequest("GET", c.base+path, nil)
	return c.do(req, out)
}

func (c *client) do(req *http.Request, out any) int {
	c.t.Helper()
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if out != nil && res.StatusCode == 200 {
		if err := json.Unmarshal(b, out); err != nil {
			c.t.Fatalf("%s %s: %v in %s", req.Method, req.URL.Path, err, b)
		}
	}
	return res.StatusCode
}

// serve starts a room's server on 127.0.0.1.
func serve(t testing.TB, r *Room) *httptest.Server {
	srv := NewServer(r, "")
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	srv.JoinURL = ts.URL + "/?code=" + r.Code()
	return ts
}

func (c *client) join(name, code string) {
	c.t.Helper()
	if st := c.post("/api/join", map[string]string{"name": name, "code": code}, nil); st != 200 {
		c.t.Fatalf("join %s: status %d", name, st)
	}
}

func (c *client) me() PersonView {
	c.t.Helper()
	var v PersonView
	if st := c.get("/api/me", &v); st != 200 {
		c.t.Fatalf("me: status %d", st)
	}
	return v
}

// waitFor polls the participant's view until ok says yes.
func (c *client) waitFor(ok func(PersonView) bool) PersonView {
	c.t.Helper()
	for range 500 {
		if v := c.me(); ok(v) {
			return v
		}
		time.Sleep(10 * time.Millisecond)
	}
	c.t.Fatal("the page never showed what was awaited")
	return PersonView{}
}

func TestNobodyActsForSomeoneElse(t *testing.T) {
	room := newRoom(t, filepath.Join(t.TempDir(), "class.db"))
	defer room.Close()
	ts := serve(t, room)
	ana, ben, cy, stranger := newClient(t, ts.URL), newClient(t, ts.URL), newClient(t, ts.URL), newClient(t, ts.URL)
	ana.join("Ana", room.Code())
	ben.join("Ben", room.Code())
	cy.join("Cy", room.Code())
	if st := stranger.post("/api/join", map[string]string{"name": "Eve", "code": "WRONG"}, nil); st != 400 {
		t.Errorf("join with a wrong code: status %d, want 400", st)
	}
	// Ana and Ben face each other, Cy a strategy.
	if _, err := room.StartRound(RoundSpec{Domain: "price-haggle", Opponents: VsHumans, Strategies: []string{"linear"}}); err != nil {
		t.Fatal(err)
	}
	va := ana.waitFor(func(v PersonView) bool { return v.Phase == "move" })
	req := offerFrom(va, func(IssueView) string { return "$480,000" })

	for _, c := range []struct {
		name string
		who  *client
		want int
	}{
		{"no cookie", stranger, http.StatusUnauthorized},
		{"Ben, Ana's partner, sending Ana's move", ben, http.StatusConflict},
		{"Cy, in another session, sending Ana's move", cy, http.StatusForbidden},
	} {
		if st := c.who.post("/api/move", req, nil); st != c.want {
			t.Errorf("%s: status %d, want %d", c.name, st, c.want)
		}
	}
	if v := ana.me(); v.Phase != "move" || len(v.Session.Moves) != 0 {
		t.Fatalf("after the others tried, Ana's page shows %s with %d moves", v.Phase, len(v.Session.Moves))
	}
	forged := newClient(t, ts.URL)
	u := mustURL(ts.URL)
	forged.hc.Jar.SetCookies(u, []*http.Cookie{{Name: cookiePerson, Value: strings.Repeat("0", 64)}})
	if st := forged.post("/api/move", req, nil); st != http.StatusUnauthorized {
		t.Errorf("forged cookie: status %d, want 401", st)
	}
	// A participant is no trainer.
	if st := ana.post("/api/trainer/round", RoundSpec{}, nil); st != http.StatusForbidden {
		t.Errorf("a participant starting a round: status %d, want 403", st)
	}
	if st := ana.get("/trainer", nil); st != http.StatusForbidden {
		t.Errorf("a participant opening the trainer's page: status %d, want 403", st)
	}
	// Ana's own move goes through, once.
	if st := ana.post("/api/move", req, nil); st != 200 {
		t.Fatalf("Ana's move: status %d", st)
	}
	if st := ana.post("/api/move", req, nil); st != http.StatusConflict {
		t.Errorf("Ana's move sent twice: status %d, want 409", st)
	}
}

func TestRequestsAreChecked(t *testing.T) {
	cfg, _ := configs.Default()
	room, err := NewRoom(cfg, filepath.Join(t.TempDir(), "class.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer room.Close()
	ts := serve(t, room)
	ana := newClient(t, ts.URL)
	ana.join("Ana", room.Code())
	if _, err := room.StartRound(RoundSpec{Domain: "supply-deal", Roles: RolesSeller, Strategies: []string{"hardliner"}}); err != nil {
		t.Fatal(err)
	}
	v := ana.waitFor(func(v PersonView) bool { return v.Phase == "move" })
	res, err := http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("no content security policy: %q", csp)
	}

	// The cookie is out of scripts' reach.
	join, _ := http.Post(ts.URL+"/api/join", "application/json", strings.NewReader(`{"name":"Bo","code":"`+room.Code()+`"}`))
	join.Body.Close()
	if c := join.Cookies(); len(c) != 1 || !c[0].HttpOnly || c[0].SameSite != http.SameSiteStrictMode {
		t.Errorf("cookie %+v: want one HttpOnly, SameSite=Strict", c)
	}

	bad := func(name string, mutate func(*MoveRequest), want int, says string) {
		t.Helper()
		req := offerFrom(v, best)
		mutate(&req)
		b, _ := json.Marshal(req)
		hreq, _ := http.NewRequest("POST", ts.URL+"/api/move", bytes.NewReader(b))
		hreq.Header.Set("Content-Type", "application/json")
		res, err := ana.hc.Do(hreq)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != want || !strings.Contains(string(body), says) {
			t.Errorf("%s: %d %s, want %d saying %q", name, res.StatusCode, body, want, says)
		}
	}
	bad("an unknown issue", func(r *MoveRequest) { delete(r.Offer, "price"); r.Offer["colour"] = "red" }, 400, `no issue \"colour\"`)
	bad("a price off the scale", func(r *MoveRequest) { r.Offer["price"] = "banana" }, 400, "price")
	bad("an unknown signal", func(r *MoveRequest) { r.Signals = []string{"threaten"} }, 400, "unknown signal")
	bad("an unknown kind", func(r *MoveRequest) { r.Kind = "insult" }, 400, "must be offer, accept or walk")
	bad("accepting with nothing on the table", func(r *MoveRequest) { r.Kind = "accept" }, 400, "no offer to accept")
	bad("a stale turn", func(r *MoveRequest) { r.Turn = 7 }, 409, "moved on")

	// A form post from another site is refused, whatever its cookies.
	hreq, _ := http.NewRequest("POST", ts.URL+"/api/move", strings.NewReader("kind=walk"))
	hreq.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if st := ana.do(hreq, nil); st != http.StatusForbidden {
		t.Errorf("a form post: status %d, want 403", st)
	}
	hreq, _ = http.NewRequest("POST", ts.URL+"/api/move", strings.NewReader("{}"))
	hreq.Header.Set("Content-Type", "application/json")
	hreq.Header.Set("Origin", "http://evil.example")
	if st := ana.do(hreq, nil); st != http.StatusForbidden {
		t.Errorf("a post from another origin: status %d, want 403", st)
	}
	// Size limit.
	huge := `{"kind":"offer","offer":{"price":"` + strings.Repeat("9", 2*maxBody) + `"}}`
	hreq, _ = http.NewRequest("POST", ts.URL+"/api/move", strings.NewReader(huge))
	hreq.Header.Set("Content-Type", "application/json")
	if st := ana.do(hreq, nil); st != http.StatusRequestEntityTooLarge {
		t.Errorf("a huge body: status %d, want 413", st)
	}
	// Event streams: a few per participant.
	var open []*http.Response
	for i := range maxStreams + 1 {
		req, _ := http.NewRequest("GET", ts.URL+"/api/events", nil)
		res, err := ana.hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if i < maxStreams && res.StatusCode != 200 || i == maxStreams && res.StatusCode != http.StatusTooManyRequests {
			t.Errorf("event stream %d: status %d", i+1, res.StatusCode)
		}
		open = append(open, res)
	}
	for _, res := range open {
		res.Body.Close()
	}
	// Rate limit: a burst, then 429.
	limited := false
	for range 3 * limitBurst {
		if ana.post("/api/move", MoveRequest{Kind: "walk", Turn: 99}, nil) == http.StatusTooManyRequests {
			limited = true
			break
		}
	}
	if !limited {
		t.Error("no rate limit")
	}
}

func TestNamesAreTextEverywhere(t *testing.T) {
	room := newRoom(t, filepath.Join(t.TempDir(), "class.db"))
	defer room.Close()
	name := `<img src=x onerror=alert(1)>`
	p := joinAs(t, room, name)
	if _, err := room.StartRound(RoundSpec{Domain: "price-haggle", Roles: RolesBuyer, Strategies: []string{"conceder"}, Deadline: 3}); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		v := waitPhase(t, room, p, "move")
		if err := room.Move(p, offerFrom(v, best)); err != nil {
			t.Fatal(err)
		}
		room.mu.Lock()
		done := room.view(p).Phase == "done"
		room.mu.Unlock()
		if done {
			break
		}
	}
	waitPhase(t, room, p, "done")
	dir, err := room.Export(t.TempDir(), time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{ReportFile, filepath.Join(SessionsDir, "class.html")} {
		page, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(page, []byte(name)) || !bytes.Contains(page, []byte("&lt;img src=x onerror=alert(1)&gt;")) {
			t.Errorf("%s does not escape a participant's name", f)
		}
	}
	for _, f := range []string{DealsFile, DebriefFile, filepath.Join(SessionsDir, "round-01-session-001-buyer.json"), filepath.Join(SessionsDir, "class.html")} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("export: %v", err)
		}
	}
	// The pages draw every text with textContent, never as HTML.
	for _, js := range []string{"assets/participant.js", "assets/trainer.js"} {
		b, _ := assets.ReadFile(js)
		if bytes.Contains(b, []byte("innerHTML")) || bytes.Contains(b, []byte("insertAdjacentHTML")) {
			t.Errorf("%s writes HTML", js)
		}
	}
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
