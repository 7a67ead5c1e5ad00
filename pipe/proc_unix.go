//go:build unix

package pipe

import (
	"os/exec"
	"syscall"
)

// setProcessGroup puts the process in a group of its own, so that killing
// it also kills what it started (a shell script's interpreter, say), and
// where the system can (Linux) has it killed when winwin dies.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	setDeathSignal(cmd.SysProcAttr)
}

// killProcess kills the process's group.
func killProcess(cmd *exec.Cmd) {
	if cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	_ = cmd.Process.Kill()
}
