package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestReadmeExamples runs the commands README.md and examples/payloads
// show, with the outcomes they promise.
func TestReadmeExamples(t *testing.T) {
	code, out, _ := runCLI(t, "", "check", "../../examples/payloads/file_handle.pkl")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "PicklingError: Cannot pickle files that are not opened for reading: w")
	assert.Contains(t, out, "    - field (class: __main__.Processor, name: logger)")

	code, out, _ = runCLI(t, "", "check", "../../examples/payloads/pipeline_command.pkl")
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "no findings")

	code, out, _ = runCLI(t, "", "dis", "../../examples/payloads/pipeline_command.pkl")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "graph:")
}
