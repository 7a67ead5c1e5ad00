// Package configs reads winwin's TOML files, strictly: tournament configs
// (Load, Parse) and negotiation domains (LoadDomain, ParseDomain). It holds
// the built-in domains and the example configs, embedded in the binary, and
// runs nothing itself: Config.Tournament hands the arena what to run.
//
// Strict means a mistake is an error that says where it is and what is
// allowed, never a silently ignored key or a default in its place. Every
// such error is an *Error carrying File, Line and Col, and prints the
// offending line with a caret:
//
//	run.toml:4:1: unknown key "relationshps" (did you mean "relationships"?)
//	    4 | relationshps = 200
//	      | ^^^^^^^^^^^^
//
//	run.toml:6:11: periods = 0: must be an integer 1..1000
//	    6 | periods = 0
//	      |           ^
//
// Syntax errors, wrong types, values out of range, unknown strategies (with
// the registered names), unknown strategy parameters, unknown domains (with
// the built-in names) and duplicate display names are all reported this
// way. When a file has several problems, the one nearest its top is
// reported.
//
// # Tournament configs
//
// A config names the settings, the domain, the entrants and the model of
// repeat business. Only the strategies sections are required; classic.toml
// (see Example) comments every key.
//
//	seed = 1                 # non-negative integer; same seed, same results (default 1)
//	workers = 0              # 0..4096; 0 = GOMAXPROCS
//	relationships = 200      # per ordered pair, 1..1000000 (default 100)
//	periods = 10             # deals per relationship, 1..1000 (default 10)
//	rounds = 50              # deadline per negotiation, 1..10000 (default 50)
//	opener = "alternate"     # "alternate" (seller in even periods), "seller" or "buyer"
//	self_play = true         # each strategy also meets itself (default true)
//	jitter = 0.1             # per-relationship preference jitter, [0, 1) (default 0.1)
//	period_jitter = 0.0      # per-period jitter on top, [0, 1) (default 0)
//	domain = "supply-deal"   # built-in name, path to a domain file, or a [domain] table;
//	                         # or a GENIUS/GeniusWeb scenario folder, "genius:DIR" or
//	                         # { genius = "DIR", seller = "…", buyer = "…", real_steps = 10, discount = "refuse" }
//
//	[[strategies]]           # one section per entrant, 1..200 of them
//	name = "boulware-late"   # display name, unique
//	strategy = "boulware"    # registered strategy; defaults to name
//	params = { e = 0.1 }     # overrides, checked against the strategy's ranges
//
//	[relationship]           # arena.Model; each key defaults to arena.DefaultModel
//	expectation = 1.0        # share of the fair (Nash) surplus a side expects, 0..2;
//	                         # a config that still says aspiration is refused;
//	                         # and self_penalty, penalty_extreme_anchor, penalty_flinch,
//	                         # penalty_unbundle, penalty_retraction, penalty_dissatisfied,
//	                         # alpha, beta, impasse_sv, p_lo, p_hi, k, theta, discount
//
//	[output]
//	dir = "results/runs"     # each run writes a folder under here
//	charts = true
//	formats = ["png", "svg"]
//	sample_transcripts = 3   # per pair, 0..1000; 1,000 recorded in all at most
//
//	[market]                 # optional: the word-of-mouth market (market.Params), after the tournament
//	markets = 20             # independent replications, 1..100000
//	sellers_per_strategy = 1 # 1..100
//	buyers = 1000            # at the start, 1..1000000; prospects = 500 outside, 0..1000000
//	periods = 50             # the market's horizon, 1..10000
//	lambda = 0.15            # referrals Poisson(lambda·SV) above refer_above = 0.6, signing with rho = 0.8;
//	                         # warnings Poisson(mu·(1 − SV)) below warn_below = 0.3, mu = 0.1;
//	                         # and omega, prior (reputation), nu (newcomers), tau (softmax),
//	                         # c_new, c_ref (acquisition costs), buyer_mix = { name = weight, … }
//
// market.toml (see Example) comments every key of [market]; a run of a
// config with one writes market.csv and market-summary.csv beside the
// tournament's tables, and refuses a market whose buyers' Pareto frontiers
// (one per buyer, in every market played at once) would need more than
// MaxMemory.
//
// A domain file given by a relative path is looked up beside the config.
//
// # Sweeps
//
// A [sweep] table turns a config into a sweep (docs/model.md#sweeps): the
// config is run once per point, every point on the same seed. It varies
// one or two keys, each written as a dotted key with a list of values or
// a range (both ends included); configs/sweeps/*.toml are examples.
//
//	[sweep]
//	relationship.p_hi = { from = 0.3, to = 1.0, steps = 8 }
//	relationship.discount = [0.5, 0.7, 0.9, 0.95]
//	win_win = ["integrative", "walk-away-disciplined"]   # the groups the crossover
//	hard_bargainers = ["hard-anchorer", "hardheaded"]    # compares (these are the defaults)
//
// The keys a sweep may vary are listed by Config.SweepKeys: periods,
// rounds, jitter, period_jitter, domain (a list of names, files or
// genius: scenarios), every
// relationship.<key>, and strategies.<name>.<parameter> for any entrant's
// parameter. Every point is built and checked when the config loads: a
// value out of its key's range is an *Error at that value. A sweep has at
// most MaxSweepPoints (1,000) points.
//
// # Limits
//
// Besides the range of each key above, a config is refused when what it
// implies is too much; each refusal is an *Error at the key to change,
// with the figures:
//
//   - Files: a config or domain file may hold at most MaxFileSize (1 MiB);
//     a longer one, or one that never ends such as /dev/zero, is refused
//     after that much. The same holds for winwin negotiate --domain FILE,
//     and for each file of a GENIUS or GeniusWeb scenario folder
//     (genius:DIR), of which at most 100 .xml and .json files are read.
//   - Domain width: finding a domain's Pareto frontier, which the arena
//     does for every relationship, may take at most MaxFrontierWork
//     (2.5×10⁸) estimated steps, about a second. 30 issues of 30 options,
//     5 of 1,000 or one of 10,000 options are within it; 30 issues of 100
//     options, or two of 10,000, are not. A domain has 1..100 issues of
//     1..10,000 options each.
//   - Memory: the estimate of Config.Footprint (the relationships recorded
//     for sample transcripts, at most 1,000 and about 4 million moves, and
//     one Pareto frontier per worker) may be at most MaxMemory (2 GiB).
//     Long relationships of long negotiations with samples are what
//     reaches it: lower output.sample_transcripts, periods or rounds.
//   - External agents: Config.CheckPrograms (called by winwin validate and
//     run) checks that the program of each exec entrant exists and is
//     executable (a bare name in $PATH, a relative path from the config's
//     folder).
//
// A config that is untrusted input, such as one echoed in a run folder's
// manifest.json, is read with ParseFS: its domain files come only from
// the folder given, never by an absolute path or through ".." (scenario
// folders named by domain = { genius = "DIR" } likewise). Errors
// never print the control characters or invalid UTF-8 of a file raw, and
// a UTF-8 byte-order mark at the start of a file is ignored.
//
// # Domains
//
// A domain file (or a config's [domain] table) lists the issues, each with
// both sides' base preferences, and each side's reservation value: the
// utility of walking away, its BATNA. A side's utility of a deal is
// Σ weight·value over the issues; each side's weights must sum to 1 and
// values lie in 0..1.
//
//	name = "car"
//	description = "A used car."       # optional, for reports
//
//	[[issues]]
//	name = "price"
//	range = [8000, 12000]             # a numeric issue: lo, hi ...
//	step = 500                        # ... step (required with range)
//	prefix = "$"                      # labels "$8,000" ... "$12,000"; suffix = "" too
//	seller = { weight = 0.7, values = "ascending" }   # 0 for the first option, 1 for the last
//	buyer = { weight = 0.6, values = "descending" }
//
//	[[issues]]
//	name = "warranty"
//	options = ["none", "1 year", "2 years"]           # a categorical issue
//	seller = { weight = 0.2, values = [1.0, 0.5, 0.0] } # one value per option
//	buyer = { weight = 0.3, values = "ascending" }
//
//	[[issues]]
//	name = "floor mats"
//	item = true                       # a bundle add-on: the first option means left out
//	options = ["left out", "included"]
//	seller = { weight = 0.1, values = "ascending" }
//	buyer = { weight = 0.1, values = "ascending" }
//
//	[seller]
//	reservation = 0.3
//	[buyer]
//	reservation = 0.3
//
// The built-in domains (Domains) are price-haggle (one distributive price,
// the article's $350,000 anchor), supply-deal (five issues with room for
// logrolling and one compatible issue) and bundle (a price and add-ons that
// can be unbundled). LoadDomain returns a DomainInfo beside the scenario
// that classifies each issue as distributive, compatible or mixed.
package configs
