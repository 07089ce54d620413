package main

import (
	"bufio"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// heapLimit resolves --max-memory (MiB; 0: automatic; negative: none) to
// bytes, and sets the Go runtime's soft memory limit to it, so that the
// collector frees garbage before tasks are stopped for being over it.
// Automatic is three quarters of the machine's memory or of the cgroup's
// limit, whichever is smaller; 0 when neither can be read.
func heapLimit(mib int64) int64 {
	var n int64
	switch {
	case mib > 0:
		n = mib << 20
	case mib == 0:
		n = availableMemory() / 4 * 3
	}
	if n > 0 {
		debug.SetMemoryLimit(n)
	}
	return n
}

// availableMemory returns the smaller of MemTotal (/proc/meminfo) and the
// cgroup v2 memory.max, in bytes; 0 when neither is known.
func availableMemory() int64 {
	var total int64
	if f, err := os.Open("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) >= 2 && fields[0] == "MemTotal:" {
				if kb, err := strconv.ParseInt(fields[1], 10, 64); err == nil {
					total = kb << 10
				}
				break
			}
		}
		f.Close()
	}
	if b, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
		if lim, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && lim > 0 && (total == 0 || lim < total) {
			total = lim
		}
	}
	return total
}
