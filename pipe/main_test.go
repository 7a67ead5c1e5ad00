package pipe

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The test binary doubles as an external agent: run with
// WINWIN_PIPE_TEST_AGENT set, it speaks the protocol on stdin/stdout
// instead of running tests. The variable's value picks a behaviour, and
// the misbehaviours strike at the Nth turn a process is asked for:
//
//	steady       a hardliner: offers its best, accepts anything worth its
//	             clock's target (linear from best to reservation)
//	labels       steady, writing offers as {issue: label}
//	crash:N      exits with status 3 at turn N, after a line on stderr
//	hang:N       stops answering at turn N
//	garbage:N    prints a debugging line on stdout at turn N
//	invalid:N    offers an option that does not exist at turn N
//	badtag:N     tags its move with a tag that does not exist at turn N
//	wrongsession:N  answers turn N with another session's id
//	sesion:N     answers turn N with "sesion" for "session"
//	longline:N   answers turn N with a 10 MB line
//	closestdout:N  closes stdout at turn N and reads on
//	nohello      never answers the hello
//	oldproto     answers the hello with protocol 0
//	proto2       answers the hello with protocol 2
//	crashstart   writes a traceback on stderr and exits before the hello
//	exit         exits at once
//	deaf         steady, but when stdin ends it lives on for a minute
//	stderr:N     steady, after writing N numbered lines of 100 bytes
//	             to stderr before its hello
//
// WINWIN_PIPE_TEST_RECORD names a file that receives every line read
// ("> ") and written ("< "): the example exchange of PROTOCOL.md.
// WINWIN_PIPE_TEST_PIDFILE names a file the agent writes its pid to.
//
// Run with WINWIN_PIPE_TEST_PARENT set instead, the test binary plays
// winwin: it starts a pool of one "deaf" agent, prints "ready" and waits
// to be killed (TestAgentsDieWithWinwin).
func TestMain(m *testing.M) {
	if mode := os.Getenv("WINWIN_PIPE_TEST_AGENT"); mode != "" {
		os.Exit(testAgent(mode))
	}
	if os.Getenv("WINWIN_PIPE_TEST_PARENT") != "" {
		os.Exit(testParent())
	}
	os.Exit(m.Run())
}

// testParent starts a deaf agent, says so on stdout and waits for ever.
func testParent() int {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	pl, err := NewPool(Config{Name: "deaf", Command: []string{exe},
		Env: []string{"WINWIN_PIPE_TEST_PARENT=", "WINWIN_PIPE_TEST_AGENT=deaf", "GORACE=atexit_sleep_ms=0"}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if err := pl.Warm(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("ready")
	select {}
}

// testAgentEnv returns a Config running the test binary as an agent in
// mode.
func testAgentConfig(t testing.TB, name, mode string) Config {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// With -race, a test binary sleeps a second on exit unless told not to.
	return Config{Name: name, Command: []string{exe}, Env: []string{"WINWIN_PIPE_TEST_AGENT=" + mode, "GORACE=atexit_sleep_ms=0"}}
}

type testSession struct {
	weights     []float64
	values      [][]float64
	reservation float64
	labels      [][]string
	names       []string
}

func (s *testSession) utility(o []int) float64 {
	u := 0.0
	for i, k := range o {
		u += s.weights[i] * s.values[i][k]
	}
	return u
}

func (s *testSession) best() ([]int, float64) {
	o := make([]int, len(s.values))
	for i, vs := range s.values {
		for k, v := range vs {
			if v > vs[o[i]] {
				o[i] = k
			}
		}
	}
	return o, s.utility(o)
}

func testAgent(mode string) int {
	what, nth, _ := strings.Cut(mode, ":")
	n, _ := strconv.Atoi(nth)
	var rec *os.File
	if path := os.Getenv("WINWIN_PIPE_TEST_RECORD"); path != "" {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer f.Close()
		rec = f
	}
	// A move's fields in the order the protocol document lists them.
	type move struct {
		Type    string   `json:"type"`
		Session int64    `json:"session"`
		Kind    string   `json:"kind"`
		Offer   any      `json:"offer,omitempty"`
		Tags    []string `json:"tags,omitempty"`
		Say     string   `json:"say,omitempty"`
	}
	out := bufio.NewWriter(os.Stdout)
	send := func(v any) {
		b, _ := json.Marshal(v)
		if rec != nil {
			fmt.Fprintf(rec, "< %s\n", b)
		}
		out.Write(b)
		out.WriteByte('\n')
		out.Flush()
	}
	if path := os.Getenv("WINWIN_PIPE_TEST_PIDFILE"); path != "" {
		if err := os.WriteFile(path, []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	switch what {
	case "exit":
		return 0
	case "crashstart":
		fmt.Fprintln(os.Stderr, "Traceback (most recent call last):")
		fmt.Fprintln(os.Stderr, `  File "agent.py", line 3, in <module>`)
		fmt.Fprintln(os.Stderr, "    import numpy")
		fmt.Fprintln(os.Stderr, "ModuleNotFoundError: No module named 'numpy'")
		return 1
	case "stderr":
		w := bufio.NewWriter(os.Stderr)
		for i := range n {
			fmt.Fprintf(w, "line %07d %s\n", i, strings.Repeat("x", 100-len("line 0000000 \n")))
		}
		w.Flush()
	}
	if what == "deaf" {
		defer time.Sleep(time.Minute)
	}
	sessions := map[int64]*testSession{}
	turns := 0
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if rec != nil {
			fmt.Fprintf(rec, "> %s\n", line)
		}
		var msg struct {
			Type    string
			Session int64
			Time    float64
			Domain  struct {
				Issues []struct {
					Name    string
					Options []string
				}
			}
			Prefs struct {
				Weights     []float64
				Values      [][]float64
				Reservation float64
			}
			Last *struct {
				Kind  string
				Offer []int
			}
		}
		if err := json.Unmarshal(line, &msg); err != nil {
			fmt.Fprintln(os.Stderr, "test agent:", err)
			return 2
		}
		switch msg.Type {
		case "hello":
			switch what {
			case "nohello":
				continue
			case "oldproto":
				send(map[string]any{"type": "hello", "protocol": 0})
				continue
			case "proto2":
				send(map[string]any{"type": "hello", "protocol": 2})
				continue
			}
			send(struct {
				Type     string `json:"type"`
				Protocol int    `json:"protocol"`
				Name     string `json:"name"`
			}{"hello", Version, "test-" + what})
		case "start":
			s := &testSession{weights: msg.Prefs.Weights, values: msg.Prefs.Values, reservation: msg.Prefs.Reservation}
			for _, is := range msg.Domain.Issues {
				s.names = append(s.names, is.Name)
				s.labels = append(s.labels, is.Options)
			}
			sessions[msg.Session] = s
		case "end", "close":
			delete(sessions, msg.Session)
		case "turn":
			turns++
			s := sessions[msg.Session]
			if turns == n {
				switch what {
				case "crash":
					fmt.Fprintln(os.Stderr, "Traceback (most recent call last):")
					fmt.Fprintln(os.Stderr, "ZeroDivisionError: division by zero")
					return 3
				case "hang":
					time.Sleep(time.Hour)
				case "garbage":
					fmt.Println("debug: thinking about turn", turns)
					continue
				case "invalid":
					o, _ := s.best()
					o[0] = len(s.labels[0]) + 7
					send(move{Type: "move", Session: msg.Session, Kind: "offer", Offer: o})
					continue
				case "badtag":
					o, _ := s.best()
					send(move{Type: "move", Session: msg.Session, Kind: "offer", Offer: o, Tags: []string{"bluff"}})
					continue
				case "wrongsession":
					o, _ := s.best()
					send(move{Type: "move", Session: msg.Session + 1000, Kind: "offer", Offer: o})
					continue
				case "sesion":
					send(map[string]any{"type": "move", "sesion": msg.Session, "kind": "walk"})
					continue
				case "longline":
					out.WriteString(`{"type":"move","say":"`)
					out.WriteString(strings.Repeat("la", 5<<20))
					out.WriteString("\"}\n")
					out.Flush()
					continue
				case "closestdout":
					out.Flush()
					os.Stdout.Close()
					continue
				}
			}
			o, best := s.best()
			target := s.reservation + (best-s.reservation)*(1-msg.Time)
			mv := move{Type: "move", Session: msg.Session}
			if msg.Last != nil && msg.Last.Kind == "offer" && s.utility(msg.Last.Offer) >= target {
				mv.Kind = "accept"
				send(mv)
				continue
			}
			mv.Kind, mv.Offer = "offer", o
			if what == "labels" {
				lab := map[string]string{}
				for i, k := range o {
					lab[s.names[i]] = s.labels[i][k]
				}
				mv.Offer = lab
			}
			if msg.Last == nil {
				mv.Tags = []string{"anchor"}
				mv.Say = "This is our standard package."
			}
			send(mv)
		}
	}
	return 0
}
