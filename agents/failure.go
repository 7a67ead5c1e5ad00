package agents

// A Failure is a panic value by which an agent gives up its negotiation
// with a reason meant for people, not for debuggers. The arena records a
// panic in Act, Start or Finish as a fault that loses the negotiation; for
// a Failure it records Err as it is, without the Go stack trace it adds to
// any other panic. Agents backed by something outside the Go program (a
// process over a pipe, a remote service) use it to say what went wrong
// there: "no answer within 2s", "printed a line that is not JSON".
//
//	panic(&agents.Failure{Err: fmt.Errorf("my-agent: lost the connection: %w", err)})
type Failure struct {
	Err error
}

// Error returns the reason.
func (f *Failure) Error() string { return f.Err.Error() }

// Unwrap returns the reason, for errors.Is and errors.As.
func (f *Failure) Unwrap() error { return f.Err }
