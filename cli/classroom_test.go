package cli_test

import (
	"bytes"
	"context"
	"net/http"
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

func TestClassroomServesUntilInterrupted(t *testing.T) {
	db := filepath.Join(t.TempDir(), "class.db")
	ctx, cancel := context.WithCancel(context.Background())
	var out, errs syncBuffer
	done := make(chan int)
	go func() {
		done <- cli.Main(ctx, []string{"classroom", "--addr", "127.0.0.1:0", "--db", db}, cli.WithIO(strings.NewReader(""), &out, &errs, false))
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
	if !strings.Contains(out.String(), "█") {
		t.Errorf("no QR code printed:\n%s", out.String())
	}
	res, err := http.Get(m[1] + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("the participants' page: status %d", res.StatusCode)
	}
	cancel()
	if code := <-done; code != cli.ExitOK && code != cli.ExitInterrupted {
		t.Errorf("exit status %d: %s", code, errs.String())
	}
	if !strings.Contains(out.String(), "Stopped; the class is stored in") {
		t.Errorf("no goodbye:\n%s", out.String())
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
