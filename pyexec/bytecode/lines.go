package bytecode

// lineTable returns the source line of every 2-byte code unit (-1 for none). A
// malformed table never fails decoding: every unit then gets firstLine.
func lineTable(v Version, tab []byte, firstLine int, units int) []int32 {
	lines := make([]int32, units)
	var ok bool
	switch {
	case v.Less(Py310):
		ok = parseLnotab(tab, firstLine, lines)
	case v == Py310:
		ok = parseLinetable310(tab, firstLine, lines)
	default:
		ok = parseLocations(tab, firstLine, lines)
	}
	if !ok {
		for i := range lines {
			lines[i] = int32(firstLine)
		}
	}
	return lines
}

// fill sets lines[from/2 : to/2] (byte offsets, clipped) to line.
func fill(lines []int32, from, to int, line int32) {
	for u := from / 2; u < to/2 && u < len(lines); u++ {
		if u >= 0 {
			lines[u] = line
		}
	}
}

// parseLnotab decodes 3.8/3.9 co_lnotab: (address increment, signed line
// increment) byte pairs starting at (0, firstLine).
func parseLnotab(tab []byte, firstLine int, lines []int32) bool {
	if len(tab)%2 != 0 {
		return false
	}
	for i := range lines {
		lines[i] = -1
	}
	addr, line := 0, firstLine
	lastStart, lastLine := 0, -1
	started := false
	emit := func(at, l int) {
		if started {
			fill(lines, lastStart, at, int32(lastLine))
		}
		lastStart, lastLine, started = at, l, true
	}
	for i := 0; i < len(tab); i += 2 {
		if tab[i] != 0 {
			if !started || line != lastLine {
				emit(addr, line)
			}
			addr += int(tab[i])
		}
		line += int(int8(tab[i+1]))
	}
	if !started || line != lastLine {
		emit(addr, line)
	}
	fill(lines, lastStart, 2*len(lines), int32(lastLine))
	return true
}

// parseLinetable310 decodes 3.10 co_linetable: (byte length, signed line delta)
// pairs; delta -128 means "no line" without moving the current line.
func parseLinetable310(tab []byte, firstLine int, lines []int32) bool {
	if len(tab)%2 != 0 {
		return false
	}
	for i := range lines {
		lines[i] = -1
	}
	addr, line := 0, firstLine
	for i := 0; i < len(tab); i += 2 {
		l := int32(-1)
		if d := int8(tab[i+1]); d != -128 {
			line += int(d)
			l = int32(line)
		}
		end := addr + int(tab[i])
		fill(lines, addr, end, l)
		addr = end
	}
	return true
}

// parseLocations decodes the 3.11+ location table (PEP 657); only lines are kept.
func parseLocations(tab []byte, firstLine int, lines []int32) bool {
	for i := range lines {
		lines[i] = -1
	}
	pos, addr, line := 0, 0, firstLine
	bad := false
	next := func() byte {
		if pos >= len(tab) {
			bad = true
			return 0
		}
		b := tab[pos]
		pos++
		return b
	}
	varint := func() int {
		b := next()
		val, shift := int(b&63), 6
		for b&64 != 0 && !bad && shift < 32 {
			b = next()
			val |= int(b&63) << shift
			shift += 6
		}
		return val
	}
	svarint := func() int {
		u := varint()
		if u&1 != 0 {
			return -(u >> 1)
		}
		return u >> 1
	}
	for pos < len(tab) && !bad {
		first := next()
		if first&0x80 == 0 {
			return false
		}
		code, length := int(first>>3)&15, int(first&7)+1
		l := int32(line)
		switch {
		case code == 15:
			l = -1
		case code == 14:
			line += svarint()
			l = int32(line)
			varint()
			varint()
			varint()
		case code == 13:
			line += svarint()
			l = int32(line)
		case code >= 10:
			line += code - 10
			l = int32(line)
			next()
			next()
		default:
			next()
		}
		fill(lines, addr, addr+2*length, l)
		addr += 2 * length
	}
	return !bad
}
