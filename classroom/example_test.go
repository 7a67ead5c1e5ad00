package classroom_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"github.com/winwin-sim/winwin/classroom"
	"github.com/winwin-sim/winwin/configs"
)

// A participant joins a room over HTTP, the trainer starts a round
// against a strategy, and the participant's page shows the private brief.
func Example() {
	dir, _ := os.MkdirTemp("", "classroom")
	defer os.RemoveAll(dir)
	cfg, _ := configs.Default()
	room, err := classroom.NewRoom(cfg, filepath.Join(dir, "class.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer room.Close()
	ts := httptest.NewServer(classroom.NewServer(room, ""))
	defer ts.Close()

	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	body := fmt.Sprintf(`{"name": "Ana", "code": %q}`, room.Code())
	res, _ := browser.Post(ts.URL+"/api/join", "application/json", strings.NewReader(body))
	res.Body.Close()

	room.StartRound(classroom.RoundSpec{Domain: "price-haggle", Roles: classroom.RolesBuyer, Strategies: []string{"hard-anchorer"}})

	res, _ = browser.Get(ts.URL + "/api/me")
	var page classroom.PersonView
	json.NewDecoder(res.Body).Decode(&page)
	res.Body.Close()
	s := page.Session
	fmt.Printf("%s is the %s, facing %s.\n", page.Name, s.Role, s.Partner)
	fmt.Printf("Walk-away point %.2f: %s.\n", s.Brief.WalkAway, s.Brief.WalkAwayWords)
	// Output:
	// Ana is the buyer, facing a computer negotiator.
	// Walk-away point 0.30: the worst price you can accept is $440,000.
}
