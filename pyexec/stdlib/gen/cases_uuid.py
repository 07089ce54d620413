"""Golden cases for uuid (pyexec/stdlib/uuidmod)."""

UUID = [
    "u = uuid.UUID('12345678-1234-5678-1234-567812345678')\nreturn u, str(u), u.hex, u.int, u.bytes, u.bytes_le, u.urn, u.version, u.variant",
    "u = uuid.UUID('{12345678-1234-5678-1234-567812345678}')\nreturn u.fields, u.time_low, u.time_mid, u.time_hi_version, u.clock_seq_hi_variant, u.clock_seq_low, u.node, u.time, u.clock_seq",
    "uuid.UUID('urn:uuid:12345678123456781234567812345678'), uuid.UUID(bytes=b'\\x12\\x34\\x56\\x78' * 4), uuid.UUID(bytes_le=b'\\x78\\x56\\x34\\x12\\x34\\x12\\x78\\x56' + b'\\x12\\x34\\x56\\x78' * 2), uuid.UUID(int=0x12345678123456781234567812345678), uuid.UUID(fields=(0x12345678, 0x1234, 0x5678, 0x12, 0x34, 0x567812345678))",
    "uuid.UUID(int=1, version=4), uuid.UUID(int=0).version, uuid.UUID(int=(1 << 128) - 1).variant, uuid.UUID(int=0).variant, uuid.UUID('00000000-0000-0000-c000-000000000000').variant",
    "uuid.uuid3(uuid.NAMESPACE_DNS, 'python.org'), uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org'), uuid.uuid5(uuid.NAMESPACE_URL, 'http://x'), uuid.uuid3(uuid.NAMESPACE_OID, ''), uuid.uuid5(uuid.NAMESPACE_X500, 'cn=a')",
    "uuid.NAMESPACE_DNS, uuid.NAMESPACE_URL, uuid.NAMESPACE_OID, uuid.NAMESPACE_X500, uuid.RFC_4122, uuid.RESERVED_NCS",
    "a = uuid.UUID(int=5)\nb = uuid.UUID(int=6)\nreturn a < b, a == uuid.UUID(int=5), a != b, a == 5, sorted([b, a]), hash(a) == hash(5), b.int, len({a, uuid.UUID(int=5)})",
    "u = uuid.uuid4()\nv = uuid.uuid1()\nreturn u.version, u.variant, len(str(u)), v.version, v.variant, len(v.hex), u != uuid.uuid4()",
    "uuid.UUID('1234')",
    "uuid.UUID()",
    "uuid.UUID(bytes=b'abc')",
    "uuid.UUID(int=-1)",
    "uuid.UUID(int=1 << 128)",
    "uuid.UUID(fields=(1, 2, 3))",
    "uuid.UUID(fields=(1 << 32, 0, 0, 0, 0, 0))",
    "uuid.UUID(int=1, version=9)",
    "uuid.UUID(hex='12345678-1234-5678-1234-567812345678', int=1)",
    "u = uuid.UUID(int=1)\nu.x = 1",
    "uuid.UUID('zz345678-1234-5678-1234-567812345678')",
]

CASES = [("uuid", UUID)]
