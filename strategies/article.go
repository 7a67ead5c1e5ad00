package strategies

// articleSpecs are the strategies built on the tactics of the seed article.
var articleSpecs = []Spec{}
