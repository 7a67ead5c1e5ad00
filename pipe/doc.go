// Package pipe lets agents written in any language negotiate in winwin.
//
// An external agent is a program that reads JSON lines on its standard
// input and answers on its standard output. The protocol — versioned
// ([Version]), with a full example exchange — is documented in
// PROTOCOL.md beside this file; examples/agents holds complete agents in
// Python and JavaScript that use nothing but their language's standard
// library.
//
// # From a config or the command line
//
// Most users never call this package: a tournament config enters an
// external agent with
//
//	[[strategies]]
//	name = "my-py"
//	strategy = "exec"
//	command = ["python3", "my_agent.py"]
//
// and the command line with exec: and the command's words separated by
// commas:
//
//	winwin negotiate exec:python3,my_agent.py boulware
//
// # From Go
//
// A [Pool] runs the processes of one agent. Its agents implement
// agents.Agent (with the Starter and Finisher hooks), so the arena plays
// them like any Go agent:
//
//	pool, err := pipe.NewPool(pipe.Config{
//		Name:      "my-py",
//		Command:   []string{"python3", "my_agent.py"},
//		Processes: workers,             // one process per worker
//		LogDir:    filepath.Join(runDir, "agents"), // stderr → my-py.stderr.log
//	})
//	if err != nil { … }
//	defer pool.Close()
//	entrant := arena.Entrant{Name: "my-py", Strategy: "exec", New: pool.NewAgent}
//
// # How it works
//
// A pool starts its processes when they are first needed and keeps them
// for the whole run. Each negotiation is a session, with its own id, on
// the process that has the fewest open sessions; a reader goroutine per
// process hands each answer to the session it names. With as many
// processes as workers, every worker in effect has a process of its own,
// and a process stays busy without waiting on any other.
//
// Sessions start, move and end by seeded inputs alone (the agent's seed is
// drawn from the arena's random source for its side), so a run with an
// external agent reproduces to the bit as long as the agent uses its seed
// for any randomness it needs.
//
// # When an agent misbehaves
//
// An agent that crashes, takes longer than [Config.Timeout] to answer,
// prints anything that is not a protocol message, or makes an invalid move
// loses that negotiation: [Agent.Act] panics with an [agents.Failure]
// saying what happened in the author's terms ("no move within 2s (does the
// agent flush stdout after each line?)", "issue \"price\" has no option
// 12"), which the arena records as the agent's fault, without a Go stack
// trace. A process that crashed, hung or printed garbage is restarted, with
// a growing pause between failures ([DefaultBackoff] up to [MaxBackoff]);
// after [MaxStartFailures] processes in a row fail to start, the pool gives
// up and the agent's remaining negotiations fail at once. The partner is
// never blamed, and the run goes on.
//
// The processes' stderr goes to a log file in the run folder
// ([Config.LogDir]), interleaved with winwin's notes on every start and
// stop, so a student can read the traceback that cost a negotiation; the
// log keeps at most [DefaultLogLimit] bytes, its first and last halves.
// [Pool.FirstTrouble] keeps the agent's own first error for a verdict.
// [Pool.Close] closes every process's stdin, waits for it to exit and
// kills it after a grace period.
//
// # Before and after a run
//
// [Probe] checks an agent before anything is written: its program exists
// and can be run, and a process starts and answers the hello with this
// protocol version. It writes no file, and neither does a pool without a
// LogDir.
//
// [Pool.Interrupt] stops a run wherever it is: every negotiation waiting
// for the agent — for a move, a hello, a pause between restarts — fails at
// once, and so does every later one; call it when the run's context ends:
//
//	stop := context.AfterFunc(ctx, pool.Interrupt)
//	defer stop()
//
// No agent outlives winwin: Close ends every process and what it started;
// on Linux a process is also started with a parent-death signal, so the
// kernel kills it should winwin be killed (even with SIGKILL). Elsewhere an
// agent learns of winwin's death from the end of its stdin, at which
// PROTOCOL.md asks it to exit.
//
// # Why a hand-written codec
//
// The messages are read and written by about a thousand lines of the
// package's own code rather than encoding/json: json.go is the JSON syntax
// (a scanner, and the writers of values), decode.go and encode.go the
// protocol's messages. It was weighed against encoding/json (Go 1.26;
// encoding/json/v2 still needs GOEXPERIMENT=jsonv2) and kept, for three
// reasons. A round costs no allocation: BenchmarkCodec writes a W1 turn in
// 160 ns and reads a move in 250 ns with none, where encoding/json writes
// it in 1.3 µs with 11 allocations and reads it in 1.9 µs with 14 (2.2 µs
// and 18 to refuse unknown fields); swapped into the pipe, encoding/json
// turns BenchmarkPipePython's 11 allocations a negotiation into 1,879 and
// fails TestPipeTurnAllocs. (Speed alone is no reason: a Python agent's
// round trip takes so much longer that the benchmark's time did not change
// measurably.) The output is the protocol's: offers' labels in the
// domain's issue order, where encoding/json sorts a map's keys (and so
// changes PROTOCOL.md's recorded exchange), and floats in Go's shortest
// 'g' form (encoding/json writes 1e-05 as 0.00001). And the errors are the
// protocol's: keys match exactly, so "Kind" is named as an unknown field
// (did you mean "kind"?) where encoding/json would quietly read it as
// "kind".
package pipe
