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

	code, out, _ = runCLI(t, "", "run", "--input", "../../examples/payloads/word_count_input.pkl", "../../examples/payloads/word_count.pkl")
	assert.Equal(t, 0, code)
	assert.Equal(t, "{'the': 1, 'quick': 1, 'brown': 1, 'fox': 1}\n{'to': 2, 'be': 2, 'or': 1, 'not': 1}\n{}\n{'a': 3, 'b': 1}\n", out)

	code, out, _ = runCLI(t, "", "dis", "../../examples/payloads/pipeline_command.pkl")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "graph:")
}
