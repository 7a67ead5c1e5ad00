// Package strategies holds winwin's built-in negotiators: the tactics of the
// win-win negotiation article (hard anchoring, integrative bargaining,
// flinching, walk-away discipline, unbundling) and the classic baselines of
// automated negotiation (the time-dependent family, tit-for-tat,
// HardHeaded, random). Each is registered with its parameters in an
// explicit registry (All, Lookup, Factory).
package strategies
