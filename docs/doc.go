// Package docs holds winwin's user guides as Markdown, and the test that
// keeps them honest.
//
// guide.md, "Write your own agent", walks a newcomer from nothing to a
// tested agent in a tournament; the README shows its commands in short. Its
// test (guide_test.go) follows the guide as a reader would: it builds the
// winwin command from this checkout, runs every shell block's commands in
// a scratch folder, checks that every Go and TOML block is exactly the
// file it claims to be (so what the guide shows is what gets compiled,
// tested and run), validates every TOML block as a tournament config, and
// compares every output block with what the commands printed. Nothing in
// the guide can drift from the code without failing that test.
//
// model.md, "The winwin model", is the reference for what winwin
// simulates: one negotiation, the outcome analysis, repeat business,
// tournaments and the performance workload W1, with their formulas and
// defaults, as the code computes them. Code comments and the README cite
// its sections by anchor (docs/model.md#repeat-business). No test reads
// it: whoever changes a formula or a default in the code changes it there
// in the same commit.
//
// The conventions, for whoever edits the guide:
//
//   - A ```sh block holds commands, one per line, run in order; a `#`
//     starts a comment. `winwin …` runs the command built from this
//     checkout, `go …` runs the go tool offline, `cd DIR` changes folder.
//     Commands that need the network are stood in for: `git clone
//     https://github.com/winwin-sim/winwin` by a copy of this checkout's
//     files, `go install ./cmd/winwin` in that copy by a build of it into
//     the scratch folder, `go install
//     github.com/winwin-sim/winwin/cmd/winwin@latest` by the build of this
//     checkout, and `go mod tidy` by giving the new module winwin's own
//     requirements and checksums (package internal/scratchmod) after
//     checking that new-agent pointed it at the clone, so the test needs
//     nothing a fresh machine's module cache lacks. The scratch folder is
//     the reader's home: the output shows it as ~.
//   - `<!-- file: PATH -->` on the line before a ```go or ```toml block
//     says the block is the file PATH, or its next part: the parts of one
//     file, joined by blank lines, must equal the file the commands made.
//   - `<!-- output -->` before a ```text block says it is the output of
//     the shell block just before; `go test ./docs -update` rewrites it.
//     The time in a run folder's name is shown as YYYY-MM-DDThh-mm-ss. A
//     command that runs a Python agent (exec:python3,…) is skipped, with
//     its output, when python3 is not installed.
//   - `<!-- summary: NAME -->` before a ```text block of key=value pairs
//     says that the row of strategy NAME in the summary.csv of the first
//     run the guide made has those values.
//   - A ```python block, like a ```go one, needs a `<!-- file: PATH -->`.
package docs
