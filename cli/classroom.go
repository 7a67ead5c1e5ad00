package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/winwin-sim/winwin/classroom"
)

func classroomCmd(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "classroom", "", "Run a class: participants negotiate in their browsers (phones welcome) against the\n"+
		"strategies and each other; the trainer sets up rounds, watches the live board and debriefs.\n"+
		"Every move is stored in the database file: start again with the same --db to resume.")
	config := fs.String("config", "", "tournament config `FILE` whose domain, model, seed and strategies the class uses (default: the embedded classic config)")
	addr := fs.String("addr", "", "`HOST:PORT` to listen on (default 127.0.0.1:8080, or :8080 with --lan)")
	lan := fs.Bool("lan", false, "listen on every network interface so that phones on the same network can join")
	db := fs.String("db", "classroom.db", "database `FILE` holding the class (made if missing, resumed if present)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fs.Usage()
		return usagef("classroom takes flags only, got %q", strings.Join(pos, " "))
	}
	var files []string
	if *config != "" {
		files = []string{*config}
	}
	cfg, _, err := loadConfig(files)
	if err != nil {
		return err
	}
	listen, err := listenAddr(*addr, *lan)
	if err != nil {
		return usageError{err}
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return fmt.Errorf("classroom: %w", err)
	}
	room, err := classroom.NewRoom(cfg, *db)
	if err != nil {
		ln.Close()
		return err
	}
	base := "http://" + publicHost(ln.Addr().(*net.TCPAddr), *lan)
	join := base + "/?code=" + room.Code()
	srv := classroom.NewServer(room, join)
	srv.Export = func() (string, error) { return room.Export(cfg.Output.Dir, time.Now()) }
	w := env.Stdout
	fmt.Fprintf(w, "winwin classroom · room %s · database %s\n\n", room.Code(), *db)
	fmt.Fprintf(w, "Participants join at  %s\n", join)
	if q, err := qrcode.New(join, qrcode.Medium); err == nil {
		fmt.Fprint(w, q.ToSmallString(false))
	}
	fmt.Fprintf(w, "Trainer (keep it secret): %s/trainer?token=%s\n", base, room.TrainerToken())
	if !*lan {
		fmt.Fprintln(w, "Listening on this computer only: add --lan for phones on the same network.")
	}
	fmt.Fprintln(w, "Stop with Ctrl-C; start again with the same --db to resume every session.")
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 16 << 10}
	hs.RegisterOnShutdown(srv.EndStreams)
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err = <-done:
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		hs.Shutdown(sctx) // event streams end at once; the pages reconnect on the next start
		cancel()
		err = <-done
	}
	if cerr := room.Close(); cerr != nil {
		return cerr
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("classroom: %w", err)
	}
	fmt.Fprintln(w, "Stopped; the class is stored in", *db)
	return nil
}

// listenAddr returns the address to listen on: addr, or the default; a
// host other than this computer's loopback needs --lan.
func listenAddr(addr string, lan bool) (string, error) {
	if addr == "" {
		if lan {
			return ":8080", nil
		}
		return "127.0.0.1:8080", nil
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("--addr %q: want HOST:PORT, like 127.0.0.1:8080 or :8080: %v", addr, err)
	}
	if !lan && !isLoopback(host) {
		return "", fmt.Errorf("--addr %q listens beyond this computer: add --lan to mean it", addr)
	}
	return addr, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// publicHost is the host:port participants use: a loopback address, or
// with --lan this computer's first address on the local network.
func publicHost(a *net.TCPAddr, lan bool) string {
	if lan && (a.IP == nil || a.IP.IsUnspecified()) {
		if addrs, err := net.InterfaceAddrs(); err == nil {
			for _, x := range addrs {
				if n, ok := x.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() {
					return net.JoinHostPort(n.IP.String(), fmt.Sprint(a.Port))
				}
			}
		}
	}
	if a.IP == nil || a.IP.IsUnspecified() {
		return net.JoinHostPort("127.0.0.1", fmt.Sprint(a.Port))
	}
	return a.String()
}
