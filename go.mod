module github.com/pybridge/pybridge

go 1.26.8

require (
	github.com/cockroachdb/apd/v3 v3.2.3
	github.com/dlclark/regexp2 v1.12.0
	github.com/go-python/gpython v0.2.0
	github.com/nlpodyssey/gopickle v0.2.0
	github.com/stretchr/testify v1.12.1
	golang.org/x/text v0.43.0
)

require go.yaml.in/yaml/v3 v3.0.5 // indirect
