package bytecode

import (
	"fmt"
	"strconv"
	"strings"
)

// Version is a CPython major.minor version, such as {3, 12}.
type Version struct {
	Major, Minor int
}

// String returns the version as "3.12".
func (v Version) String() string { return fmt.Sprintf("%d.%d", v.Major, v.Minor) }

// Less reports whether v is older than o.
func (v Version) Less(o Version) bool {
	return v.Major < o.Major || (v.Major == o.Major && v.Minor < o.Minor)
}

// AtLeast reports whether v is o or newer.
func (v Version) AtLeast(o Version) bool { return !v.Less(o) }

// ParseVersion parses "3.11" (a trailing ".patch" is ignored).
func ParseVersion(s string) (Version, error) {
	parts := strings.Split(s, ".")
	if len(parts) < 2 || len(parts) > 3 {
		return Version{}, fmt.Errorf("bytecode: bad Python version %q", s)
	}
	maj, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return Version{}, fmt.Errorf("bytecode: bad Python version %q", s)
	}
	return Version{maj, minor}, nil
}

// Supported reports whether this package can decode bytecode of version v.
func (v Version) Supported() bool { return tableFor(v) != nil }

// SupportedVersions lists the CPython versions this package decodes, oldest first.
func SupportedVersions() []Version {
	out := make([]Version, len(tables))
	for i, t := range tables {
		out[i] = t.version
	}
	return out
}

// Magic returns the .pyc magic number of version v (e.g. 3531 for 3.12), or 0 if v is
// not supported. It only labels the tables; pickles do not carry it.
func (v Version) Magic() int {
	if t := tableFor(v); t != nil {
		return t.magic
	}
	return 0
}

// Well-known versions, for readability at call sites.
var (
	Py38  = Version{3, 8}
	Py39  = Version{3, 9}
	Py310 = Version{3, 10}
	Py311 = Version{3, 11}
	Py312 = Version{3, 12}
	Py313 = Version{3, 13}
)
