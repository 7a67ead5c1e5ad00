// Package genius imports the field's standard negotiation scenarios:
// GENIUS's XML domains and profiles (the ANAC scenarios up to 2019) and
// GeniusWeb's JSON ones (ANAC 2020 on), as a winwin domain and two sides'
// preferences with the utility GENIUS or GeniusWeb computes for every
// outcome. docs/model.md#standard-scenarios is the reference; this is how
// the package reads.
//
// A scenario folder holds one domain file and two or more profiles, told
// apart by their content (a GENIUS domain's root element is
// <negotiation_template>, a profile's <utility_space>; a GeniusWeb domain
// has "issuesValues", a profile is {"LinearAdditiveUtilitySpace": …}).
// Load reads a folder of the file system, LoadFS one of an fs.FS; Options
// choose the seller's and the buyer's profiles, by file name or by number
// among the profiles sorted by name.
//
// The reading follows GENIUS's evaluators (model.go, xml.go, json.go):
//
//   - a discrete issue's evaluations are divided by the largest, rounded
//     to a whole number, when that is above 1 (every evaluation then
//     rounded too, as GENIUS's EvaluatorDiscrete does), else used as they
//     are;
//   - integer issues evaluate clip(offset + slope·(x − lowerbound), 0, 1),
//     real ones clip(parameter1·x + parameter0, 0, 1), and real issues are
//     cut into Options.RealSteps even steps, each point worth exactly what
//     GENIUS computes for it;
//   - weights are used as written: when they do not sum to 1, winwin's
//     weights (which must) are divided by their sum and the values
//     multiplied by it, which keeps every utility.
//
// What winwin cannot represent is refused with an *Error naming the file,
// the line (XML) or JSON path, the element and why: non-linear and
// constraint-based profiles, values or issues the domain lacks, a discount
// factor below 1 unless Options.IgnoreDiscount (GENIUS discounts within a
// negotiation, which winwin's model does not), more than two profiles
// without a choice.
//
// Scenario.TOML writes the scenario as a winwin domain file that loads to
// the same domain and preferences, bit for bit; configs loads every
// imported scenario through that text, so `winwin domains import`, a run
// folder's domain.toml and `--domain genius:DIR` agree exactly.
package genius
