package play

import (
	"bufio"
	"context"
	"io"
	"strings"
)

// read prints a prompt and reads one line; false when the input ended.
func (h *Human) read(prompt string) (string, bool) {
	if h.quit {
		return "", false
	}
	h.s.printf("%s", prompt)
	line, ok := h.in.next(h.ctx)
	if !ok {
		h.quit = true
		h.ended = "Input ended"
		if h.ctx.Err() != nil {
			h.ended = "Interrupted"
		}
		h.s.printf("\n")
		return "", false
	}
	if h.Echo {
		h.s.printf("%s\n", line)
	}
	return line, true
}

// lines reads lines in the background, so that a cancelled context can
// end a session waiting for input.
type lines struct {
	ch   chan string
	done chan struct{}
}

// maxLine bounds the length of a line read.
const maxLine = 4096

func newLines(r io.Reader) *lines {
	l := &lines{ch: make(chan string), done: make(chan struct{})}
	go func() {
		defer close(l.ch)
		br := bufio.NewReader(r)
		for {
			s, err := br.ReadString('\n')
			if s != "" {
				s = strings.TrimRight(s, "\r\n")
				if len(s) > maxLine {
					s = s[:maxLine]
				}
				select {
				case l.ch <- s:
				case <-l.done:
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	return l
}

func (l *lines) next(ctx context.Context) (string, bool) {
	select {
	case <-ctx.Done():
		return "", false
	case s, ok := <-l.ch:
		return s, ok
	}
}

func (l *lines) close() {
	select {
	case <-l.done:
	default:
		close(l.done)
	}
}
