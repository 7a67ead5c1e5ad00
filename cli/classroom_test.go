package cli_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/cookiejar"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/winwin-sim/winwin/cli"
)

// syncBuffer is a bytes.Buffer safe to read while the command writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startClassroom runs winwin classroom on db and returns its base
// address, its room code, its output and a function that interrupts it
// and returns its exit status.
func startClassroom(t *testing.T, db string) (base, code string, out *syncBuffer, stop func() int) {
	ctx, cancel := context.WithCancel(context.Background())
	var errs syncBuffer
	out = &syncBuffer{}
	done := make(chan int)
	go func() {
		done <- cli.Main(ctx, []string{"classroom", "--addr", "127.0.0.1:0", "--db", db}, cli.WithIO(strings.NewReader(""), out, &errs, false))
	}()
	join := regexp.MustCompile(`Participants join at  (http://127\.0\.0\.1:\d+)/\?code=([A-Z]{6})`)
	var m []string
	for range 200 {
		if m = join.FindStringSubmatch(out.String()); m != nil && strings.Contains(out.String(), "Trainer") {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if m == nil {
		cancel()
		t.Fatalf("no join address printed:\n%s\n%s", out.String(), errs.String())
	}
	return m[1], m[2], out, func() int {
		cancel()
		code := <-done
		if code != cli.ExitOK && code != cli.ExitInterrupted {
			t.Errorf("exit status %d: %s", code, errs.String())
		}
		return code
	}
}

func TestClassroomServesUntilInterrupted(t *testing.T) {
	db := filepath.Join(t.TempDir(), "class.db")
	base, code, out, stop := startClassroom(t, db)
	if !strings.Contains(out.String(), "█") {
		t.Errorf("no QR code printed:\n%s", out.String())
	}
	res, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("the participants' page: status %d", res.StatusCode)
	}
	// A participant's page holds its event stream open; the server stops
	// at once all the same.
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	res, err = browser.Post(base+"/api/join", "application/json", strings.NewReader(`{"name":"Ana","code":"`+code+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	stream, err := browser.Get(base + "/api/events")
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	t0 := time.Now()
	stop()
	if d := time.Since(t0); d > 2*time.Second {
		t.Errorf("stopping took %v with a page open", d)
	}
	if !strings.Contains(out.String(), "Stopped; the class is stored in") {
		t.Errorf("no goodbye:\n%s", out.String())
	}
	// Started again on the same database, it is the same room.
	_, again, _, stop := startClassroom(t, db)
	stop()
	if again != code {
		t.Errorf("room %s after a restart, was %s", again, code)
	}
}

func TestClassroomListensBeyondThisComputerOnlyWithLan(t *testing.T) {
	var out, errs bytes.Buffer
	code := cli.Main(context.Background(), []string{"classroom", "--addr", "0.0.0.0:0", "--db", filepath.Join(t.TempDir(), "c.db")},
		cli.WithIO(strings.NewReader(""), &out, &errs, false))
	if code != cli.ExitUsage || !strings.Contains(errs.String(), "add --lan") {
		t.Errorf("exit %d, %q", code, errs.String())
	}
}
