package pyexec

import (
	"runtime/metrics"
)

// heapMetric is the runtime/metrics sample of the bytes occupied by heap
// objects (live ones and garbage not yet swept).
const heapMetric = "/memory/classes/heap/objects:bytes"

// HeapBytes returns the bytes the process's Go heap objects occupy now
// (runtime/metrics), the figure Thread.MaxHeapBytes is compared with.
func HeapBytes() int64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

// checkHeap stops the running code with a MemoryError Python cannot catch
// once the process's heap is over t.MaxHeapBytes. The heap is shared by
// every thread of the process: the thread that sees it over the limit
// stops, whichever allocated most; its memory then becomes garbage.
func (t *Thread) checkHeap() error {
	if h := HeapBytes(); h > t.MaxHeapBytes {
		return hostAbort(MemoryErrorType, "heap of %d MiB is over the limit of %d MiB", h>>20, t.MaxHeapBytes>>20)
	}
	return nil
}
