package main

import (
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHeapLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	assert.Equal(t, int64(512<<20), heapLimit(512))
	assert.Equal(t, int64(512<<20), debug.SetMemoryLimit(-1), "the runtime's soft limit follows --max-memory")
	assert.Zero(t, heapLimit(-1), "negative: no limit")
	if runtime.GOOS == "linux" {
		m := availableMemory()
		assert.Positive(t, m)
		assert.Equal(t, m/4*3, heapLimit(0))
	}
}
