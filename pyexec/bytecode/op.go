package bytecode

import "strconv"

// Op is a normalised, version-independent operation of pybridge's instruction set.
// See the package documentation for the meaning of each op and how CPython's
// per-version opcodes map onto it.
type Op uint8

// The normalised operations. Names follow CPython's where the meaning is the same.
const (
	// Invalid is the zero Op; Decode never emits it.
	Invalid                  Op = iota
	PopTop                      // POP_TOP
	PushNull                    // PUSH_NULL
	Copy                        // COPY
	Swap                        // SWAP
	Rot                         // ROT
	LoadConst                   // LOAD_CONST
	ReturnConst                 // RETURN_CONST
	LoadFast                    // LOAD_FAST
	LoadFastAndClear            // LOAD_FAST_AND_CLEAR
	StoreFast                   // STORE_FAST
	DeleteFast                  // DELETE_FAST
	MakeCell                    // MAKE_CELL
	CopyFreeVars                // COPY_FREE_VARS
	LoadDeref                   // LOAD_DEREF
	StoreDeref                  // STORE_DEREF
	DeleteDeref                 // DELETE_DEREF
	LoadClassderef              // LOAD_CLASSDEREF
	LoadFromDictOrDeref         // LOAD_FROM_DICT_OR_DEREF
	LoadFromDictOrGlobals       // LOAD_FROM_DICT_OR_GLOBALS
	LoadLocals                  // LOAD_LOCALS
	LoadName                    // LOAD_NAME
	StoreName                   // STORE_NAME
	DeleteName                  // DELETE_NAME
	LoadGlobal                  // LOAD_GLOBAL
	StoreGlobal                 // STORE_GLOBAL
	DeleteGlobal                // DELETE_GLOBAL
	LoadAttr                    // LOAD_ATTR
	StoreAttr                   // STORE_ATTR
	DeleteAttr                  // DELETE_ATTR
	LoadSuperAttr               // LOAD_SUPER_ATTR
	LoadBuildClass              // LOAD_BUILD_CLASS
	LoadAssertionError          // LOAD_ASSERTION_ERROR
	SetupAnnotations            // SETUP_ANNOTATIONS
	ImportName                  // IMPORT_NAME
	ImportFrom                  // IMPORT_FROM
	ImportStar                  // IMPORT_STAR
	UnaryNegative               // UNARY_NEGATIVE
	UnaryPositive               // UNARY_POSITIVE
	UnaryNot                    // UNARY_NOT
	UnaryInvert                 // UNARY_INVERT
	ToBool                      // TO_BOOL
	BinaryOp                    // BINARY_OP
	BinarySubscr                // BINARY_SUBSCR
	StoreSubscr                 // STORE_SUBSCR
	DeleteSubscr                // DELETE_SUBSCR
	BinarySlice                 // BINARY_SLICE
	StoreSlice                  // STORE_SLICE
	CompareOp                   // COMPARE_OP
	CompareExcMatch             // COMPARE_EXC_MATCH
	IsOp                        // IS_OP
	ContainsOp                  // CONTAINS_OP
	BuildTuple                  // BUILD_TUPLE
	BuildList                   // BUILD_LIST
	BuildSet                    // BUILD_SET
	BuildMap                    // BUILD_MAP
	BuildConstKeyMap            // BUILD_CONST_KEY_MAP
	BuildString                 // BUILD_STRING
	BuildSlice                  // BUILD_SLICE
	BuildTupleUnpack            // BUILD_TUPLE_UNPACK
	BuildListUnpack             // BUILD_LIST_UNPACK
	BuildSetUnpack              // BUILD_SET_UNPACK
	BuildMapUnpack              // BUILD_MAP_UNPACK
	BuildMapUnpackWithCall      // BUILD_MAP_UNPACK_WITH_CALL
	BuildTupleUnpackWithCall    // BUILD_TUPLE_UNPACK_WITH_CALL
	ListAppend                  // LIST_APPEND
	SetAdd                      // SET_ADD
	MapAdd                      // MAP_ADD
	ListExtend                  // LIST_EXTEND
	SetUpdate                   // SET_UPDATE
	DictUpdate                  // DICT_UPDATE
	DictMerge                   // DICT_MERGE
	ListToTuple                 // LIST_TO_TUPLE
	UnpackSequence              // UNPACK_SEQUENCE
	UnpackEx                    // UNPACK_EX
	ConvertValue                // CONVERT_VALUE
	FormatSimple                // FORMAT_SIMPLE
	FormatWithSpec              // FORMAT_WITH_SPEC
	PrintExpr                   // PRINT_EXPR
	Call                        // CALL
	CallFunctionEx              // CALL_FUNCTION_EX
	CallIntrinsic1              // CALL_INTRINSIC_1
	CallIntrinsic2              // CALL_INTRINSIC_2
	MakeFunction                // MAKE_FUNCTION
	SetFunctionAttribute        // SET_FUNCTION_ATTRIBUTE
	ReturnValue                 // RETURN_VALUE
	Jump                        // JUMP
	PopJumpIfFalse              // POP_JUMP_IF_FALSE
	PopJumpIfTrue               // POP_JUMP_IF_TRUE
	PopJumpIfNone               // POP_JUMP_IF_NONE
	PopJumpIfNotNone            // POP_JUMP_IF_NOT_NONE
	JumpIfFalseOrPop            // JUMP_IF_FALSE_OR_POP
	JumpIfTrueOrPop             // JUMP_IF_TRUE_OR_POP
	GetIter                     // GET_ITER
	ForIter                     // FOR_ITER
	GetLen                      // GET_LEN
	MatchClass                  // MATCH_CLASS
	MatchKeys                   // MATCH_KEYS
	MatchMapping                // MATCH_MAPPING
	MatchSequence               // MATCH_SEQUENCE
	CopyDictWithoutKeys         // COPY_DICT_WITHOUT_KEYS
	YieldValue                  // YIELD_VALUE
	GetYieldFromIter            // GET_YIELD_FROM_ITER
	YieldFrom                   // YIELD_FROM
	Send                        // SEND
	EndSend                     // END_SEND
	CleanupThrow                // CLEANUP_THROW
	GetAwaitable                // GET_AWAITABLE
	GetAiter                    // GET_AITER
	GetAnext                    // GET_ANEXT
	EndAsyncFor                 // END_ASYNC_FOR
	BeforeAsyncWith             // BEFORE_ASYNC_WITH
	BeforeWith                  // BEFORE_WITH
	WithExceptStart             // WITH_EXCEPT_START
	PushExcInfo                 // PUSH_EXC_INFO
	PopExcept                   // POP_EXCEPT
	CheckExcMatch               // CHECK_EXC_MATCH
	CheckEgMatch                // CHECK_EG_MATCH
	PrepReraiseStar             // PREP_RERAISE_STAR
	StopiterationError          // STOPITERATION_ERROR
	AsyncGenWrap                // ASYNC_GEN_WRAP
	Reraise                     // RERAISE
	RaiseVarargs                // RAISE_VARARGS
	ExitInitCheck               // EXIT_INIT_CHECK
	SetupFinally                // SETUP_FINALLY
	SetupWith                   // SETUP_WITH
	SetupAsyncWith              // SETUP_ASYNC_WITH
	PopBlock                    // POP_BLOCK
	BeginFinally                // BEGIN_FINALLY
	EndFinally                  // END_FINALLY
	CallFinally                 // CALL_FINALLY
	PopFinally                  // POP_FINALLY
	WithCleanupStart            // WITH_CLEANUP_START
	WithCleanupFinish           // WITH_CLEANUP_FINISH
	JumpIfNotExcMatch           // JUMP_IF_NOT_EXC_MATCH
	LegacyPopExcept             // LEGACY_POP_EXCEPT
	LegacyReraise               // LEGACY_RERAISE
	LegacyWithExceptStart       // LEGACY_WITH_EXCEPT_START
	LegacyEndAsyncFor           // LEGACY_END_ASYNC_FOR
	LegacyMatchClass            // LEGACY_MATCH_CLASS
	LegacyMatchKeys             // LEGACY_MATCH_KEYS

	// NumOps is the number of defined Ops (for dispatch tables).
	NumOps int = iota
)

var opNames = [...]string{
	Invalid:                  "INVALID",
	PopTop:                   "POP_TOP",
	PushNull:                 "PUSH_NULL",
	Copy:                     "COPY",
	Swap:                     "SWAP",
	Rot:                      "ROT",
	LoadConst:                "LOAD_CONST",
	ReturnConst:              "RETURN_CONST",
	LoadFast:                 "LOAD_FAST",
	LoadFastAndClear:         "LOAD_FAST_AND_CLEAR",
	StoreFast:                "STORE_FAST",
	DeleteFast:               "DELETE_FAST",
	MakeCell:                 "MAKE_CELL",
	CopyFreeVars:             "COPY_FREE_VARS",
	LoadDeref:                "LOAD_DEREF",
	StoreDeref:               "STORE_DEREF",
	DeleteDeref:              "DELETE_DEREF",
	LoadClassderef:           "LOAD_CLASSDEREF",
	LoadFromDictOrDeref:      "LOAD_FROM_DICT_OR_DEREF",
	LoadFromDictOrGlobals:    "LOAD_FROM_DICT_OR_GLOBALS",
	LoadLocals:               "LOAD_LOCALS",
	LoadName:                 "LOAD_NAME",
	StoreName:                "STORE_NAME",
	DeleteName:               "DELETE_NAME",
	LoadGlobal:               "LOAD_GLOBAL",
	StoreGlobal:              "STORE_GLOBAL",
	DeleteGlobal:             "DELETE_GLOBAL",
	LoadAttr:                 "LOAD_ATTR",
	StoreAttr:                "STORE_ATTR",
	DeleteAttr:               "DELETE_ATTR",
	LoadSuperAttr:            "LOAD_SUPER_ATTR",
	LoadBuildClass:           "LOAD_BUILD_CLASS",
	LoadAssertionError:       "LOAD_ASSERTION_ERROR",
	SetupAnnotations:         "SETUP_ANNOTATIONS",
	ImportName:               "IMPORT_NAME",
	ImportFrom:               "IMPORT_FROM",
	ImportStar:               "IMPORT_STAR",
	UnaryNegative:            "UNARY_NEGATIVE",
	UnaryPositive:            "UNARY_POSITIVE",
	UnaryNot:                 "UNARY_NOT",
	UnaryInvert:              "UNARY_INVERT",
	ToBool:                   "TO_BOOL",
	BinaryOp:                 "BINARY_OP",
	BinarySubscr:             "BINARY_SUBSCR",
	StoreSubscr:              "STORE_SUBSCR",
	DeleteSubscr:             "DELETE_SUBSCR",
	BinarySlice:              "BINARY_SLICE",
	StoreSlice:               "STORE_SLICE",
	CompareOp:                "COMPARE_OP",
	CompareExcMatch:          "COMPARE_EXC_MATCH",
	IsOp:                     "IS_OP",
	ContainsOp:               "CONTAINS_OP",
	BuildTuple:               "BUILD_TUPLE",
	BuildList:                "BUILD_LIST",
	BuildSet:                 "BUILD_SET",
	BuildMap:                 "BUILD_MAP",
	BuildConstKeyMap:         "BUILD_CONST_KEY_MAP",
	BuildString:              "BUILD_STRING",
	BuildSlice:               "BUILD_SLICE",
	BuildTupleUnpack:         "BUILD_TUPLE_UNPACK",
	BuildListUnpack:          "BUILD_LIST_UNPACK",
	BuildSetUnpack:           "BUILD_SET_UNPACK",
	BuildMapUnpack:           "BUILD_MAP_UNPACK",
	BuildMapUnpackWithCall:   "BUILD_MAP_UNPACK_WITH_CALL",
	BuildTupleUnpackWithCall: "BUILD_TUPLE_UNPACK_WITH_CALL",
	ListAppend:               "LIST_APPEND",
	SetAdd:                   "SET_ADD",
	MapAdd:                   "MAP_ADD",
	ListExtend:               "LIST_EXTEND",
	SetUpdate:                "SET_UPDATE",
	DictUpdate:               "DICT_UPDATE",
	DictMerge:                "DICT_MERGE",
	ListToTuple:              "LIST_TO_TUPLE",
	UnpackSequence:           "UNPACK_SEQUENCE",
	UnpackEx:                 "UNPACK_EX",
	ConvertValue:             "CONVERT_VALUE",
	FormatSimple:             "FORMAT_SIMPLE",
	FormatWithSpec:           "FORMAT_WITH_SPEC",
	PrintExpr:                "PRINT_EXPR",
	Call:                     "CALL",
	CallFunctionEx:           "CALL_FUNCTION_EX",
	CallIntrinsic1:           "CALL_INTRINSIC_1",
	CallIntrinsic2:           "CALL_INTRINSIC_2",
	MakeFunction:             "MAKE_FUNCTION",
	SetFunctionAttribute:     "SET_FUNCTION_ATTRIBUTE",
	ReturnValue:              "RETURN_VALUE",
	Jump:                     "JUMP",
	PopJumpIfFalse:           "POP_JUMP_IF_FALSE",
	PopJumpIfTrue:            "POP_JUMP_IF_TRUE",
	PopJumpIfNone:            "POP_JUMP_IF_NONE",
	PopJumpIfNotNone:         "POP_JUMP_IF_NOT_NONE",
	JumpIfFalseOrPop:         "JUMP_IF_FALSE_OR_POP",
	JumpIfTrueOrPop:          "JUMP_IF_TRUE_OR_POP",
	GetIter:                  "GET_ITER",
	ForIter:                  "FOR_ITER",
	GetLen:                   "GET_LEN",
	MatchClass:               "MATCH_CLASS",
	MatchKeys:                "MATCH_KEYS",
	MatchMapping:             "MATCH_MAPPING",
	MatchSequence:            "MATCH_SEQUENCE",
	CopyDictWithoutKeys:      "COPY_DICT_WITHOUT_KEYS",
	YieldValue:               "YIELD_VALUE",
	GetYieldFromIter:         "GET_YIELD_FROM_ITER",
	YieldFrom:                "YIELD_FROM",
	Send:                     "SEND",
	EndSend:                  "END_SEND",
	CleanupThrow:             "CLEANUP_THROW",
	GetAwaitable:             "GET_AWAITABLE",
	GetAiter:                 "GET_AITER",
	GetAnext:                 "GET_ANEXT",
	EndAsyncFor:              "END_ASYNC_FOR",
	BeforeAsyncWith:          "BEFORE_ASYNC_WITH",
	BeforeWith:               "BEFORE_WITH",
	WithExceptStart:          "WITH_EXCEPT_START",
	PushExcInfo:              "PUSH_EXC_INFO",
	PopExcept:                "POP_EXCEPT",
	CheckExcMatch:            "CHECK_EXC_MATCH",
	CheckEgMatch:             "CHECK_EG_MATCH",
	PrepReraiseStar:          "PREP_RERAISE_STAR",
	StopiterationError:       "STOPITERATION_ERROR",
	AsyncGenWrap:             "ASYNC_GEN_WRAP",
	Reraise:                  "RERAISE",
	RaiseVarargs:             "RAISE_VARARGS",
	ExitInitCheck:            "EXIT_INIT_CHECK",
	SetupFinally:             "SETUP_FINALLY",
	SetupWith:                "SETUP_WITH",
	SetupAsyncWith:           "SETUP_ASYNC_WITH",
	PopBlock:                 "POP_BLOCK",
	BeginFinally:             "BEGIN_FINALLY",
	EndFinally:               "END_FINALLY",
	CallFinally:              "CALL_FINALLY",
	PopFinally:               "POP_FINALLY",
	WithCleanupStart:         "WITH_CLEANUP_START",
	WithCleanupFinish:        "WITH_CLEANUP_FINISH",
	JumpIfNotExcMatch:        "JUMP_IF_NOT_EXC_MATCH",
	LegacyPopExcept:          "LEGACY_POP_EXCEPT",
	LegacyReraise:            "LEGACY_RERAISE",
	LegacyWithExceptStart:    "LEGACY_WITH_EXCEPT_START",
	LegacyEndAsyncFor:        "LEGACY_END_ASYNC_FOR",
	LegacyMatchClass:         "LEGACY_MATCH_CLASS",
	LegacyMatchKeys:          "LEGACY_MATCH_KEYS",
}

// String returns the op's name, e.g. "LOAD_ATTR".
func (o Op) String() string {
	if int(o) < len(opNames) {
		return opNames[o]
	}
	return "Op(" + strconv.Itoa(int(o)) + ")"
}

// IsJump reports whether the op's Target field is a jump target.
func (o Op) IsJump() bool { return isJump[o] }

var isJump = [256]bool{
	Jump: true, PopJumpIfFalse: true, PopJumpIfTrue: true, PopJumpIfNone: true,
	PopJumpIfNotNone: true, JumpIfFalseOrPop: true, JumpIfTrueOrPop: true, ForIter: true,
	Send: true, SetupFinally: true, SetupWith: true, SetupAsyncWith: true, CallFinally: true,
	JumpIfNotExcMatch: true,
}

// opByName maps a normalised op name to its Op.
var opByName = func() map[string]Op {
	m := make(map[string]Op, len(opNames))
	for i, n := range opNames {
		m[n] = Op(i)
	}
	return m
}()

// ParseOp returns the Op named name (as printed by String), or Invalid.
func ParseOp(name string) Op { return opByName[name] }
