package bytecode

import "fmt"

// Decode validates CPython bytecode of version v and normalises it. It never
// panics on hostile input; every failure is a *DecodeError carrying the byte
// offset of the culprit.
func Decode(v Version, in *Input) (*Program, error) {
	t := tableFor(v)
	if t == nil {
		return nil, fmt.Errorf("bytecode: unsupported Python version %s", v)
	}
	d := &rawDecoder{t: t, in: in, code: in.Code}
	if err := d.decode(); err != nil {
		return nil, err
	}
	lines := lineTable(v, in.LineTable, in.FirstLineNo, len(in.Code)/2)
	for i := range d.raw {
		d.raw[i].Line = lines[d.raw[i].Offset/2]
	}
	p := &Program{Version: v, Raw: d.raw, FirstLine: int32(in.FirstLineNo), table: t, BlockStack: v.Less(Py311)}
	var ranges [][3]int32
	if v.AtLeast(Py311) {
		rh, err := parseExceptionTable(v, in.ExceptionTable)
		if err != nil {
			return nil, err
		}
		if ranges, err = d.checkHandlers(rh); err != nil {
			return nil, err
		}
		p.RawHandlers = rh
	}
	n := &normalizer{t: t, v: v, in: in, raw: d.raw}
	if err := n.run(); err != nil {
		return nil, err
	}
	hs, err := n.handlers(p.RawHandlers, ranges)
	if err != nil {
		return nil, err
	}
	p.Instrs, p.Handlers = n.out, hs
	return p, nil
}
