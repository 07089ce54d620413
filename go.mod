module github.com/pybridge/pybridge

go 1.26.8

require (
	github.com/go-python/gpython v0.2.0 // indirect
	github.com/mattn/go-runewidth v0.0.13 // indirect
	github.com/nlpodyssey/gopickle v0.2.0 // indirect
	github.com/peterh/liner v1.2.2 // indirect
	github.com/rivo/uniseg v0.3.4 // indirect
	github.com/stretchr/testify v1.12.1 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/sys v0.0.0-20220817070843-5a390386f1f2 // indirect
)
