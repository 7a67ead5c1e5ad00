package pipe

import (
	"os/exec"
	"runtime"
	"sync"
	"syscall"
)

// setDeathSignal has the kernel kill the agent when winwin dies, however
// it dies (SIGKILL included), so that no agent outlives winwin.
func setDeathSignal(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }

// The parent-death signal fires when the thread that forked the child
// exits, not the process. Go's runtime may end a thread — one a goroutine
// locked with runtime.LockOSThread and exited without unlocking — so
// every agent is started from the spawner: a goroutine locked to its
// thread for the life of the process, whose thread therefore lives
// exactly as long as winwin does.
var spawner struct {
	once sync.Once
	reqs chan spawnRequest
}

type spawnRequest struct {
	cmd  *exec.Cmd
	done chan error
}

// startProcess starts cmd on the spawner's thread.
func startProcess(cmd *exec.Cmd) error {
	spawner.once.Do(func() {
		spawner.reqs = make(chan spawnRequest)
		go spawn(spawner.reqs)
	})
	r := spawnRequest{cmd: cmd, done: make(chan error, 1)}
	spawner.reqs <- r
	return <-r.done
}

// spawn starts the processes it is asked to, on a thread it never leaves.
func spawn(reqs <-chan spawnRequest) {
	runtime.LockOSThread() // for good: the thread ends with the process
	for r := range reqs {
		r.done <- r.cmd.Start()
	}
}
