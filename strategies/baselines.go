package strategies

// baselineSpecs are the classic automated-negotiation baselines.
var baselineSpecs = []Spec{}
