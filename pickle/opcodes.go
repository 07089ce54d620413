package pickle

// The pickle opcodes of protocols 0 to 5, as listed by CPython's pickletools.
const (
	opMark           = '('
	opStop           = '.'
	opPop            = '0'
	opPopMark        = '1'
	opDup            = '2'
	opFloat          = 'F'
	opInt            = 'I'
	opBinInt         = 'J'
	opBinInt1        = 'K'
	opLong           = 'L'
	opBinInt2        = 'M'
	opNone           = 'N'
	opPersID         = 'P'
	opBinPersID      = 'Q'
	opReduce         = 'R'
	opString         = 'S'
	opBinString      = 'T'
	opShortBinString = 'U'
	opUnicode        = 'V'
	opBinUnicode     = 'X'
	opAppend         = 'a'
	opBuild          = 'b'
	opGlobal         = 'c'
	opDict           = 'd'
	opEmptyDict      = '}'
	opAppends        = 'e'
	opGet            = 'g'
	opBinGet         = 'h'
	opInst           = 'i'
	opLongBinGet     = 'j'
	opList           = 'l'
	opEmptyList      = ']'
	opObj            = 'o'
	opPut            = 'p'
	opBinPut         = 'q'
	opLongBinPut     = 'r'
	opSetItem        = 's'
	opTuple          = 't'
	opEmptyTuple     = ')'
	opSetItems       = 'u'
	opBinFloat       = 'G'

	opProto    = 0x80
	opNewObj   = 0x81
	opExt1     = 0x82
	opExt2     = 0x83
	opExt4     = 0x84
	opTuple1   = 0x85
	opTuple2   = 0x86
	opTuple3   = 0x87
	opNewTrue  = 0x88
	opNewFalse = 0x89
	opLong1    = 0x8a
	opLong4    = 0x8b

	opBinBytes      = 'B'
	opShortBinBytes = 'C'

	opShortBinUnicode = 0x8c
	opBinUnicode8     = 0x8d
	opBinBytes8       = 0x8e
	opEmptySet        = 0x8f
	opAddItems        = 0x90
	opFrozenSet       = 0x91
	opNewObjEx        = 0x92
	opStackGlobal     = 0x93
	opMemoize         = 0x94
	opFrame           = 0x95

	opByteArray8     = 0x96
	opNextBuffer     = 0x97
	opReadOnlyBuffer = 0x98
)

// argKind describes the inline argument that follows an opcode byte.
type argKind uint8

const (
	argNone       argKind = iota
	argU1                 // 1-byte unsigned
	argU2                 // 2-byte unsigned little-endian
	argI4                 // 4-byte signed little-endian
	argU4                 // 4-byte unsigned little-endian
	argU8                 // 8-byte unsigned little-endian
	argF8                 // 8-byte big-endian IEEE double
	argLine               // text up to newline
	argTwoLines           // two newline-terminated lines
	argBytes1             // 1-byte length, then data
	argBytes4             // 4-byte signed length, then data
	argBytes4U            // 4-byte unsigned length, then data
	argBytes8             // 8-byte length, then data
	argLong1              // 1-byte length, then two's-complement data
	argLong4              // 4-byte signed length, then two's-complement data
	argStringLine         // quoted, escaped text line (STRING)
)

// opInfo is what the disassembler and error messages know of an opcode.
type opInfo struct {
	name  string
	proto uint8
	arg   argKind
}

// opTable has one entry per byte value; unknown opcodes have an empty name.
var opTable = [256]opInfo{
	opMark:           {"MARK", 0, argNone},
	opStop:           {"STOP", 0, argNone},
	opPop:            {"POP", 0, argNone},
	opPopMark:        {"POP_MARK", 1, argNone},
	opDup:            {"DUP", 0, argNone},
	opFloat:          {"FLOAT", 0, argLine},
	opInt:            {"INT", 0, argLine},
	opBinInt:         {"BININT", 1, argI4},
	opBinInt1:        {"BININT1", 1, argU1},
	opLong:           {"LONG", 0, argLine},
	opBinInt2:        {"BININT2", 1, argU2},
	opNone:           {"NONE", 0, argNone},
	opPersID:         {"PERSID", 0, argLine},
	opBinPersID:      {"BINPERSID", 1, argNone},
	opReduce:         {"REDUCE", 0, argNone},
	opString:         {"STRING", 0, argStringLine},
	opBinString:      {"BINSTRING", 1, argBytes4},
	opShortBinString: {"SHORT_BINSTRING", 1, argBytes1},
	opUnicode:        {"UNICODE", 0, argLine},
	opBinUnicode:     {"BINUNICODE", 1, argBytes4U},
	opAppend:         {"APPEND", 0, argNone},
	opBuild:          {"BUILD", 0, argNone},
	opGlobal:         {"GLOBAL", 0, argTwoLines},
	opDict:           {"DICT", 0, argNone},
	opEmptyDict:      {"EMPTY_DICT", 1, argNone},
	opAppends:        {"APPENDS", 1, argNone},
	opGet:            {"GET", 0, argLine},
	opBinGet:         {"BINGET", 1, argU1},
	opInst:           {"INST", 0, argTwoLines},
	opLongBinGet:     {"LONG_BINGET", 1, argU4},
	opList:           {"LIST", 0, argNone},
	opEmptyList:      {"EMPTY_LIST", 1, argNone},
	opObj:            {"OBJ", 1, argNone},
	opPut:            {"PUT", 0, argLine},
	opBinPut:         {"BINPUT", 1, argU1},
	opLongBinPut:     {"LONG_BINPUT", 1, argU4},
	opSetItem:        {"SETITEM", 0, argNone},
	opTuple:          {"TUPLE", 0, argNone},
	opEmptyTuple:     {"EMPTY_TUPLE", 1, argNone},
	opSetItems:       {"SETITEMS", 1, argNone},
	opBinFloat:       {"BINFLOAT", 1, argF8},

	opProto:    {"PROTO", 2, argU1},
	opNewObj:   {"NEWOBJ", 2, argNone},
	opExt1:     {"EXT1", 2, argU1},
	opExt2:     {"EXT2", 2, argU2},
	opExt4:     {"EXT4", 2, argI4},
	opTuple1:   {"TUPLE1", 2, argNone},
	opTuple2:   {"TUPLE2", 2, argNone},
	opTuple3:   {"TUPLE3", 2, argNone},
	opNewTrue:  {"NEWTRUE", 2, argNone},
	opNewFalse: {"NEWFALSE", 2, argNone},
	opLong1:    {"LONG1", 2, argLong1},
	opLong4:    {"LONG4", 2, argLong4},

	opBinBytes:      {"BINBYTES", 3, argBytes4U},
	opShortBinBytes: {"SHORT_BINBYTES", 3, argBytes1},

	opShortBinUnicode: {"SHORT_BINUNICODE", 4, argBytes1},
	opBinUnicode8:     {"BINUNICODE8", 4, argBytes8},
	opBinBytes8:       {"BINBYTES8", 4, argBytes8},
	opEmptySet:        {"EMPTY_SET", 4, argNone},
	opAddItems:        {"ADDITEMS", 4, argNone},
	opFrozenSet:       {"FROZENSET", 4, argNone},
	opNewObjEx:        {"NEWOBJ_EX", 4, argNone},
	opStackGlobal:     {"STACK_GLOBAL", 4, argNone},
	opMemoize:         {"MEMOIZE", 4, argNone},
	opFrame:           {"FRAME", 4, argU8},

	opByteArray8:     {"BYTEARRAY8", 5, argBytes8},
	opNextBuffer:     {"NEXT_BUFFER", 5, argNone},
	opReadOnlyBuffer: {"READONLY_BUFFER", 5, argNone},
}

// HighestProtocol is the highest pickle protocol Decode and Encode support.
const HighestProtocol = 5

// OpcodeName returns the pickletools name of an opcode byte, or "" if the
// byte is not a pickle opcode.
func OpcodeName(op byte) string { return opTable[op].name }
