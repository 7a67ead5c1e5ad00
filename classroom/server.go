package classroom

import (
	"embed"
	"encoding/json"
	"errors"
	"io/fs"
	"log"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	qrcode "github.com/skip2/go-qrcode"
)

//go:embed assets
var assets embed.FS

// Cookie names: the participant's and the trainer's tokens.
const (
	cookiePerson  = "winwin_p"
	cookieTrainer = "winwin_t"
)

// maxBody is the largest request body read, in bytes.
const maxBody = 8 << 10

// A Server serves a room over HTTP: the participants' pages at /, the
// trainer's at /trainer, their JSON APIs under /api/, and the embedded
// assets under /static/. It loads nothing from elsewhere.
type Server struct {
	room *Room
	// JoinURL is the address participants open (shown on the trainer's
	// board with its QR code).
	JoinURL string
	// Export writes the class to a run folder and returns the folder
	// (the trainer's Export button); nil hides the button's effect.
	Export func() (string, error)

	mux     *http.ServeMux
	joins   limiter
	ending  chan struct{} // closed by EndStreams
	endOnce sync.Once
}

// EndStreams ends every event stream the server holds open, so that an
// http.Server shuts down without waiting for open pages (register it with
// RegisterOnShutdown); the pages reconnect when the server is back.
func (s *Server) EndStreams() { s.endOnce.Do(func() { close(s.ending) }) }

// NewServer returns the server of room.
func NewServer(room *Room, joinURL string) *Server {
	s := &Server{room: room, JoinURL: joinURL, mux: http.NewServeMux(), joins: newLimiter(limitRate*3, limitBurst*3),
		ending: make(chan struct{})}
	static, _ := fs.Sub(assets, "assets")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	s.mux.HandleFunc("GET /{$}", s.page("participant.html"))
	s.mux.HandleFunc("POST /api/join", s.join)
	s.mux.HandleFunc("GET /api/me", s.person(s.me))
	s.mux.HandleFunc("GET /api/events", s.person(s.personEvents))
	s.mux.HandleFunc("POST /api/move", s.person(s.move))
	s.mux.HandleFunc("POST /api/answer", s.person(s.answer))
	s.mux.HandleFunc("GET /trainer", s.trainerPage)
	s.mux.HandleFunc("GET /api/trainer/board", s.trainer(s.board))
	s.mux.HandleFunc("GET /api/trainer/debrief", s.trainer(s.debrief))
	s.mux.HandleFunc("GET /api/trainer/events", s.trainer(s.trainerEvents))
	s.mux.HandleFunc("GET /api/trainer/qr.png", s.trainer(s.qr))
	s.mux.HandleFunc("POST /api/trainer/round", s.trainer(s.startRound))
	s.mux.HandleFunc("POST /api/trainer/stop", s.trainer(s.stopRound))
	s.mux.HandleFunc("POST /api/trainer/export", s.trainer(s.export))
	return s
}

// ServeHTTP serves a request with the headers every answer carries: a
// content security policy that lets the pages run only their own
// scripts and load nothing from elsewhere.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	if r.Method == http.MethodPost {
		if !sameOrigin(r) {
			http.Error(w, "cross-site request refused", http.StatusForbidden)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	}
	s.mux.ServeHTTP(w, r)
}

// sameOrigin accepts a POST only with a JSON body (which a page of
// another site cannot send without asking first) and, when the browser
// names the page's origin, only from this host.
func sameOrigin(r *http.Request) bool {
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		return false
	}
	o := r.Header.Get("Origin")
	if o == "" {
		return true
	}
	u, err := url.Parse(o)
	return err == nil && u.Host == r.Host
}

func (s *Server) page(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, err := assets.ReadFile("assets/" + name)
		if err != nil {
			http.Error(w, "missing page", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(b)
	}
}

func setCookie(w http.ResponseWriter, name, value string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode, MaxAge: 7 * 24 * 3600})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(v)
}

// fail answers err with its status: a refusal the person can fix says
// what to do.
func fail(w http.ResponseWriter, err error) {
	code := http.StatusInternalServerError
	var me *moveError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		code = http.StatusRequestEntityTooLarge
	case errors.Is(err, ErrRate):
		code = http.StatusTooManyRequests
	case errors.Is(err, ErrNoSession):
		code = http.StatusForbidden
	case errors.Is(err, ErrNotYourTurn), errors.Is(err, ErrStale):
		code = http.StatusConflict
	case errors.As(err, &me), errors.Is(err, ErrName), errors.Is(err, ErrCode), errors.Is(err, ErrNobody), errors.Is(err, ErrFull), errors.Is(err, errBadRequest):
		code = http.StatusBadRequest
	}
	if code == http.StatusInternalServerError {
		log.Printf("classroom: %v", err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
}

var errBadRequest = errors.New("bad request")

func decode(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return errors.Join(errBadRequest, err)
	}
	return nil
}

func (s *Server) join(w http.ResponseWriter, r *http.Request) {
	if !s.joins.allow() {
		fail(w, ErrRate)
		return
	}
	var req struct{ Name, Code string }
	if err := decode(r, &req); err != nil {
		fail(w, err)
		return
	}
	tok, err := s.room.Join(req.Name, req.Code)
	if err != nil {
		fail(w, err)
		return
	}
	setCookie(w, cookiePerson, tok)
	writeJSON(w, map[string]bool{"ok": true})
}

// person guards a participant's handler: the request must carry a
// participant's cookie, and the handler acts for that participant only.
func (s *Server) person(h func(http.ResponseWriter, *http.Request, *person)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(cookiePerson)
		var p *person
		if err == nil {
			p = s.room.who(c.Value)
		}
		if p == nil {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"error":"join the room first"}` + "\n"))
			return
		}
		h(w, r, p)
	}
}

func (s *Server) me(w http.ResponseWriter, r *http.Request, p *person) {
	s.room.mu.Lock()
	v := s.room.view(p)
	s.room.mu.Unlock()
	writeJSON(w, v)
}

func (s *Server) move(w http.ResponseWriter, r *http.Request, p *person) {
	var req MoveRequest
	if err := decode(r, &req); err != nil {
		fail(w, err)
		return
	}
	if err := s.room.Move(p, req); err != nil {
		fail(w, err)
		return
	}
	s.me(w, r, p)
}

func (s *Server) answer(w http.ResponseWriter, r *http.Request, p *person) {
	var req AnswerRequest
	if err := decode(r, &req); err != nil {
		fail(w, err)
		return
	}
	if err := s.room.Answer(p, req); err != nil {
		fail(w, err)
		return
	}
	s.me(w, r, p)
}

// sseStart readies w for server-sent events.
func sseStart(w http.ResponseWriter) (http.Flusher, bool) {
	f, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return nil, false
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	f.Flush()
	return f, true
}

// maxStreams is the most event streams one participant holds open (a
// few tabs or devices).
const maxStreams = 4

// keepAlive is how often an idle event stream sends a comment, so that
// proxies and phones keep it open.
const keepAlive = 20 * time.Second

// personEvents streams the participant's view each time it changes.
func (s *Server) personEvents(w http.ResponseWriter, r *http.Request, p *person) {
	s.room.mu.Lock()
	if p.streams >= maxStreams {
		s.room.mu.Unlock()
		fail(w, ErrRate)
		return
	}
	p.streams++
	s.room.mu.Unlock()
	defer func() {
		s.room.mu.Lock()
		p.streams--
		s.room.mu.Unlock()
	}()
	f, ok := sseStart(w)
	if !ok {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		s.room.mu.Lock()
		v := s.room.view(p)
		ch := p.changed
		s.room.mu.Unlock()
		b, _ := json.Marshal(v)
		if _, err := w.Write(append(append([]byte("data: "), b...), '\n', '\n')); err != nil {
			return
		}
		f.Flush()
	wait:
		select {
		case <-ch:
		case <-tick.C:
			if _, err := w.Write([]byte(": alive\n\n")); err != nil {
				return
			}
			f.Flush()
			goto wait
		case <-r.Context().Done():
			return
		case <-s.room.quit.Done():
			return
		case <-s.ending:
			return
		}
	}
}

// trainerPage serves the trainer's page to the holder of the trainer's
// cookie; /trainer?token=… sets the cookie and drops the token from the
// address bar.
func (s *Server) trainerPage(w http.ResponseWriter, r *http.Request) {
	if tok := r.URL.Query().Get("token"); tok != "" {
		if !s.room.isTrainer(tok) {
			http.Error(w, "wrong trainer token: open the trainer address winwin classroom printed", http.StatusForbidden)
			return
		}
		setCookie(w, cookieTrainer, tok)
		http.Redirect(w, r, "/trainer", http.StatusSeeOther)
		return
	}
	if !s.isTrainer(r) {
		http.Error(w, "this page is the trainer's: open the trainer address winwin classroom printed", http.StatusForbidden)
		return
	}
	s.page("trainer.html")(w, r)
}

func (s *Server) isTrainer(r *http.Request) bool {
	c, err := r.Cookie(cookieTrainer)
	return err == nil && s.room.isTrainer(c.Value)
}

// trainer guards a trainer's handler.
func (s *Server) trainer(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.isTrainer(r) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			w.Write([]byte(`{"error":"the trainer's token is needed"}` + "\n"))
			return
		}
		h(w, r)
	}
}

func roundParam(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("round"))
	if err != nil {
		return -1
	}
	return n
}

// A boardPage is the board with the join address.
type boardPage struct {
	Board
	JoinURL string `json:"joinURL"`
}

func (s *Server) board(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, boardPage{Board: s.room.Board(roundParam(r)), JoinURL: s.JoinURL})
}

func (s *Server) debrief(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, s.room.Debrief(roundParam(r)))
}

// trainerEvents tells the trainer's page when the room changed, at most
// about three times a second. The page then fetches the board, which
// holds every change made before the event was sent: the stream watches
// for the next change before it sends.
func (s *Server) trainerEvents(w http.ResponseWriter, r *http.Request) {
	f, ok := sseStart(w)
	if !ok {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	s.room.mu.Lock()
	ch := s.room.changed
	s.room.mu.Unlock()
	for {
		select {
		case <-ch:
			select {
			case <-time.After(300 * time.Millisecond):
			case <-r.Context().Done():
				return
			}
			s.room.mu.Lock()
			ch = s.room.changed
			s.room.mu.Unlock()
			if _, err := w.Write([]byte("data: change\n\n")); err != nil {
				return
			}
			f.Flush()
		case <-tick.C:
			if _, err := w.Write([]byte(": alive\n\n")); err != nil {
				return
			}
			f.Flush()
		case <-r.Context().Done():
			return
		case <-s.room.quit.Done():
			return
		case <-s.ending:
			return
		}
	}
}

func (s *Server) qr(w http.ResponseWriter, r *http.Request) {
	png, err := qrcode.Encode(s.JoinURL, qrcode.Medium, 320)
	if err != nil {
		fail(w, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Write(png)
}

func (s *Server) startRound(w http.ResponseWriter, r *http.Request) {
	var spec RoundSpec
	if err := decode(r, &spec); err != nil {
		fail(w, err)
		return
	}
	id, err := s.room.StartRound(spec)
	if err != nil {
		fail(w, &moveError{err.Error()})
		return
	}
	writeJSON(w, map[string]int{"round": id})
}

func (s *Server) stopRound(w http.ResponseWriter, r *http.Request) {
	var req struct{ Round int }
	if err := decode(r, &req); err != nil {
		fail(w, err)
		return
	}
	if err := s.room.StopRound(req.Round); err != nil {
		fail(w, &moveError{err.Error()})
		return
	}
	writeJSON(w, map[string]bool{"ok": true})
}

func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	if s.Export == nil {
		fail(w, &moveError{"export is not set up"})
		return
	}
	dir, err := s.Export()
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, map[string]string{"dir": dir})
}
