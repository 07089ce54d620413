// Package bytecode decodes, validates and normalises CPython 3.8–3.13 wordcode
// into one version-independent instruction set for pybridge's evaluation loop.
//
// # Layers
//
// Decode(v, in) runs three steps:
//
//  1. Raw decoding (Program.Raw): wordcode is split into instructions using the
//     opcode table of version v, generated from that CPython's own opcode module
//     by gen/gen_opcodes.py (opcodes_py3X_gen.go). EXTENDED_ARG prefixes are
//     folded into the argument, inline CACHE words are counted and skipped, jump
//     arguments are resolved to instruction indexes, and the line table is
//     decoded (co_lnotab 3.8/3.9, co_linetable 3.10, PEP 657 locations 3.11+).
//  2. Validation (hostile bytecode): unknown, specialised, instrumented and
//     CACHE opcodes; odd length; more than three EXTENDED_ARG prefixes or one at
//     the end; arguments above 2^31-1; caches running past the end; jump
//     targets outside the code, odd, onto a CACHE word or past an instruction's
//     EXTENDED_ARG prefix; const/name/local/cell indexes against Input's counts;
//     enumerated arguments (BINARY_OP, COMPARE_OP, intrinsics, IS_OP, …); the
//     3.11+ exception table (varints, ordering, overlap, boundaries, depth).
//     Every failure is a *DecodeError with the byte offset.
//  3. Normalisation (Program.Instrs, Program.Handlers), described below.
//
// # Normalised instruction set
//
// Instr.Op is an Op; Arg its argument, Target a jump's instruction index,
// Offset/Line the CPython instruction it came from. The rules:
//
//   - Dropped: CACHE, EXTENDED_ARG (folded), NOP, RESUME, PRECALL, GEN_START,
//     and the 3.11+ generator prologue RETURN_GENERATOR; POP_TOP. The evaluator
//     creates a generator from co_flags when the function is called (as 3.8–3.10
//     do) and pushes nothing on the first resume.
//   - Jumps: JUMP_ABSOLUTE, JUMP_FORWARD, JUMP_BACKWARD(_NO_INTERRUPT) → JUMP;
//     3.11's POP_JUMP_FORWARD/BACKWARD_IF_X → POP_JUMP_IF_X. Target is an index.
//     FOR_ITER: when exhausted pop the iterator and continue at Target (on
//     3.12/3.13 Target is already past the END_FOR [, POP_TOP] CPython skips).
//     SEND: when the sub-iterator returns, replace (receiver, value) by the
//     return value and continue at Target (3.12+: past END_SEND).
//   - One local-variable model: the fast-locals array ("localsplus"). 3.11+ use
//     CPython's layout (varnames, then cellvars not in varnames, then freevars).
//     For 3.8–3.10 the layout is varnames ++ cellvars ++ freevars (no sharing),
//     cell/free arguments are rebased by len(varnames), and a synthetic prologue
//     MAKE_CELL (one per cellvar) and COPY_FREE_VARS is prepended, so the loop
//     handles both identically. For 3.8–3.10 a cellvar that is also an
//     argument must still be filled from the argument at frame setup (CPython's
//     cell2arg). LOAD_CLOSURE → LOAD_FAST (push the slot as is, like 3.13).
//     LOAD_FAST_CHECK → LOAD_FAST (every LOAD_FAST must check for unbound).
//     3.13 superinstructions split: LOAD_FAST_LOAD_FAST → LOAD_FAST, LOAD_FAST;
//     STORE_FAST_LOAD_FAST → STORE_FAST, LOAD_FAST; STORE_FAST_STORE_FAST →
//     STORE_FAST, STORE_FAST (high nibble first).
//   - One call shape, CALL argc: the arguments (positional then keyword) are on
//     top; under them two slots lo, hi: if lo is NULL call hi, else if hi is NULL
//     call lo, else call lo with hi prepended. This single rule covers 3.8–3.10
//     LOAD_METHOD/CALL_METHOD, 3.11/3.12 (NULL below) and 3.13 (NULL above).
//     Arg2 is the co_consts index of the keyword-names tuple (3.11/3.12
//     KW_NAMES, fused into the CALL; a jump onto the fused CALL is rejected) or
//     -1. FlagKwNamesOnStack: the names tuple is on top of the arguments (3.13
//     CALL_KW, 3.8–3.10 CALL_FUNCTION_KW). FlagNoSelfSlot: only the callable is
//     under the arguments (3.8–3.10 CALL_FUNCTION[_KW]). CALL_FUNCTION_EX: Arg
//     is 1 when a kwargs mapping is on top; same slot rule, or FlagNoSelfSlot.
//   - LOAD_GLOBAL Arg = name index; FlagMethod: also push a NULL (3.11+ low bit).
//     LOAD_ATTR Arg = name index; FlagMethod: method load pushing (meth, self)
//     or the attribute and a NULL (3.12+ low bit; LOAD_METHOD ≤3.11).
//     LOAD_SUPER_ATTR Arg = name index, FlagMethod (bit 0), FlagTwoArgSuper (bit
//     1). FlagNullAbove (3.13): the NULL goes above the value, else below.
//   - BINARY_OP Arg = CPython's _nb_ops index (0 "+" … 12 "^", 13–25 the in-place
//     forms); every 3.8–3.10 BINARY_X / INPLACE_X maps to it.
//   - COMPARE_OP Arg = cmp_op index 0–5 (3.12's >>4 and 3.13's >>5 undone);
//     FlagToBool for 3.13's 0x10 bit. 3.8's COMPARE_OP in/not in/is/is not
//     become CONTAINS_OP 0/1 and IS_OP 0/1, and "exception match" becomes
//     COMPARE_EXC_MATCH (pops two, pushes a bool).
//   - Stack shuffles: DUP_TOP → COPY 1; DUP_TOP_TWO → COPY 2, COPY 2; ROT_TWO →
//     SWAP 2; ROT_THREE/ROT_FOUR/ROT_N n → ROT n (lift the top item to position n).
//   - f-strings: FORMAT_VALUE → [CONVERT_VALUE c] FORMAT_SIMPLE, or
//     FORMAT_WITH_SPEC (with SWAP 2, CONVERT_VALUE c, SWAP 2 first when a
//     conversion and a spec are both present), as on 3.13.
//   - Functions: MAKE_FUNCTION pops the code (and with FlagQualname a qualname
//     above it, 3.8–3.10) and is followed by SET_FUNCTION_ATTRIBUTE 8, 4, 2, 1 for
//     each flag set in the old argument, as on 3.13. On 3.8/3.9 annotations
//     (flag 4) are a dict, from 3.10 a flat tuple.
//   - 3.12+ intrinsics that were opcodes become those ops again: PRINT_EXPR,
//     IMPORT_STAR, STOPITERATION_ERROR, ASYNC_GEN_WRAP, UNARY_POSITIVE,
//     LIST_TO_TUPLE, PREP_RERAISE_STAR; others stay CALL_INTRINSIC_1/2 with
//     CPython's argument. 3.12's END_FOR → POP_TOP, POP_TOP; 3.13's → POP_TOP.
//   - Exceptions, 3.11+: Program.Handlers (instruction indexes). 3.8–3.10
//     (Program.BlockStack): the block-stack ops SETUP_FINALLY, SETUP_WITH,
//     SETUP_ASYNC_WITH, POP_BLOCK, BEGIN_FINALLY, END_FINALLY, CALL_FINALLY,
//     POP_FINALLY, WITH_CLEANUP_START/FINISH, JUMP_IF_NOT_EXC_MATCH are kept, and
//     the opcodes whose stack effect differs from their 3.11+ namesakes are
//     renamed LEGACY_POP_EXCEPT, LEGACY_RERAISE, LEGACY_WITH_EXCEPT_START,
//     LEGACY_END_ASYNC_FOR, LEGACY_MATCH_CLASS, LEGACY_MATCH_KEYS. They are
//     deliberately not converted into handler ranges: 3.8 shares each finally
//     body between the normal path (BEGIN_FINALLY / CALL_FINALLY push NULL or a
//     return address) and the exceptional path (six values and an
//     EXCEPT_HANDLER block), and END_FINALLY, POP_FINALLY and
//     WITH_CLEANUP_START/FINISH decide at run time which path they are on, so
//     such instructions have no single static handler or stack depth. The
//     evaluator runs these versions with a per-frame block stack, exactly as
//     CPython does (pyexec/eval_legacy.go); Program.Handlers stays empty.
//   - Everything else keeps CPython's name and argument.
//
// # Per-version mapping summary
//
//	CPython opcode          3.8  3.9  3.10 3.11 3.12 3.13  normalised
//	CALL_FUNCTION[_KW]      x    x    x                    CALL +NoSelfSlot [+KwNamesOnStack]
//	LOAD_METHOD/CALL_METHOD x    x    x    x(LM)           LOAD_ATTR +Method / CALL
//	KW_NAMES+[PRECALL]+CALL                x    x          CALL Arg2=kwnames const
//	CALL_KW                                          x     CALL +KwNamesOnStack
//	LOAD_GLOBAL arg>>1                     x    x    x     LOAD_GLOBAL [+Method]
//	LOAD_ATTR arg>>1                            x    x     LOAD_ATTR [+Method]
//	COMPARE_OP arg>>4 / >>5                     x    x     COMPARE_OP index [+ToBool]
//	BINARY_*/INPLACE_*      x    x    x                    BINARY_OP nb index
//	DUP_TOP*/ROT_*          x    x    x                    COPY / SWAP / ROT
//	FORMAT_VALUE            x    x    x    x    x          CONVERT_VALUE / FORMAT_*
//	MAKE_FUNCTION flags     x    x    x    x    x          MAKE_FUNCTION + SET_FUNCTION_ATTRIBUTE
//	*_FAST_*_FAST                                    x     two LOAD_FAST / STORE_FAST
//	END_FOR                                     x    x     POP_TOP (x2 on 3.12), FOR_ITER skips
//	exception table                        x    x    x     Program.Handlers
//	block stack             x    x    x                    SETUP_* / LEGACY_* ops
//
// # Regenerating
//
// gen/generate.sh (go generate) rebuilds opcodes_py3X_gen.go and testdata/py3.X.json
// with every pyenv CPython 3.8–3.13. Tests never need Python.
package bytecode
