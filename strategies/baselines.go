package strategies

// baselineSpecs are the classic automated-negotiation baselines: the
// time-dependent family (timedep.go), relative tit-for-tat (titfortat.go),
// HardHeaded (hardheaded.go) and random offers (random.go).
var baselineSpecs = []Spec{
	boulwareSpec,
	linearSpec,
	concederSpec,
	hardlinerSpec,
	titForTatSpec,
	hardHeadedSpec,
	randomSpec,
}
