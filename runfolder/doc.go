// Package runfolder makes run folders: it plays a tournament from a
// configuration into a new folder and writes there everything a run
// leaves, for the winwin run command and for whatever else makes runs (a
// sweep of many runs, a merge of shards).
//
// [Run] does a whole run: a new folder under the output directory
// (results.NewRunDir), the tournament played with the caller's progress
// callback, its relationships folded into a results.Aggregate, a sample
// plan for the transcripts, then [Finish]. [Finish] writes a folder from an
// aggregate, wherever that came from: the tables, samples.json and the
// charts at once (as many at a time as the run had workers), config.toml
// and the domain's copy, report.html, and last manifest.json, after the
// folder was synced. What a folder records of how its run was made — the
// configuration with the command line's overrides written in, a copy of
// its domain file, the overrides and the command line — is a [Record],
// made and checked before the folder exists, so that a run that could not
// be recorded is refused without leaving anything behind.
//
// A folder never says more than it holds. Its manifest is written last,
// listing only files that were written whole, and its status says what
// happened: complete; interrupted (the context ended while the tournament
// played, and the folder holds what finished, or while the outputs were
// written, and the folder holds those that were); or failed (an output
// could not be written, and the manifest says why). If even the manifest
// cannot be written, the folder has none. A process killed at any moment
// leaves no manifest that lists a missing or broken file.
//
// A run checkpoints as it plays: its task list (package shard) is played
// in slices whose exact aggregates are written to the folder's
// checkpoint/ as they finish, and removed once the folder is complete;
// [OpenCheckpoint] and [Resume] finish an interrupted run from them,
// byte-identical to a run never stopped. [RunShard] plays one shard of a
// run into a shard folder of its own, and [MergeShards] checks that
// shards make one run exactly once and writes its folder through
// [Finish]: the folder one process would have written. The tournament's
// adapter to package shard is in job.go (a market's replications are
// tasks of it, after the relationships); a sweep's is research.SweepJob,
// which [RunSweep], [RunShard], [MergeShards] and [Resume] use for a
// configuration with a [sweep] table (sweep.go).
//
// Where things live: the file formats and the charts are package results'
// (a new table column or chart is an entry there), samples.json and
// report.html package report's; this package only orchestrates them. The
// command line — flags, checks before a run, the progress bar, the
// ranking printed, exit statuses — is package cli's.
package runfolder
