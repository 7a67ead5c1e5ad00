//go:build unix && !linux

package pipe

import (
	"os/exec"
	"syscall"
)

// setDeathSignal does nothing where the kernel has no parent-death signal:
// an agent learns that winwin died when its stdin ends (PROTOCOL.md asks
// it to exit then), and one waiting to write a move gets a broken pipe.
func setDeathSignal(*syscall.SysProcAttr) {}

// startProcess starts cmd.
func startProcess(cmd *exec.Cmd) error { return cmd.Start() }
