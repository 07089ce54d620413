"""Golden cases for hashlib, base64, binascii and zlib."""

HASHLIB = [
    "hashlib.md5(b'abc').hexdigest(), hashlib.sha1(b'abc').hexdigest(), hashlib.sha256(b'').hexdigest()",
    "hashlib.sha224(b'x').hexdigest(), hashlib.sha384(b'x').hexdigest(), hashlib.sha512(b'x').hexdigest()",
    "hashlib.sha3_224(b'x').hexdigest(), hashlib.sha3_256(b'x').hexdigest(), hashlib.sha3_384(b'').hexdigest(), hashlib.sha3_512(b'x').hexdigest()",
    "hashlib.shake_128(b'x').hexdigest(10), hashlib.shake_256(b'').digest(5), hashlib.shake_128(b'x').digest_size",
    "h = hashlib.sha256()\nh.update(b'ab')\nc = h.copy()\nh.update(b'c')\nreturn h.hexdigest(), c.hexdigest(), h.digest(), h.name, h.digest_size, h.block_size",
    "[(n, hashlib.new(n).digest_size, hashlib.new(n).block_size) for n in ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3_224', 'sha3_256', 'sha3_384', 'sha3_512', 'shake_128', 'shake_256']]",
    "hashlib.new('SHA256', b'abc').hexdigest(), hashlib.new('md5', data=b'a').name, hashlib.new('sha512_256', b'x').hexdigest()",
    "hashlib.md5(string=b'abc').hexdigest(), hashlib.sha1(b'abc', usedforsecurity=False).hexdigest()",
    "sorted(hashlib.algorithms_guaranteed)",
    "hashlib.blake2b(b'abc').hexdigest(), hashlib.blake2s(b'abc').hexdigest(), hashlib.blake2b(b'x' * 300, digest_size=20).hexdigest(), hashlib.blake2s(b'y' * 130, key=b'k').hexdigest()",
    "hashlib.new('blake2b', b'').hexdigest(), hashlib.blake2b(b'a', key=b'secret', digest_size=16).hexdigest(), hashlib.blake2b().name, hashlib.blake2s().block_size, hashlib.blake2s(digest_size=8).digest_size",
    "hashlib.blake2b(digest_size=65)",
    "hashlib.blake2s(key=b'k' * 33)",
    "type(hashlib.md5()).__name__, type(hashlib.shake_128()).__name__",
    "hashlib.md5('abc')",
    "hashlib.sha256(5)",
    "hashlib.new('nosuch')",
    "hashlib.md5().update('x')",
    "hashlib.shake_128(b'').hexdigest()",
    "hashlib.shake_128(b'').hexdigest(-1)",
    "hashlib.md5().hexdigest(1)",
]

BASE64 = [
    "base64.b64encode(b''), base64.b64encode(b'f'), base64.b64encode(b'fo'), base64.b64encode(b'foo'), base64.b64encode(b'\\xfb\\xff\\xfe')",
    "base64.b64encode(b'\\xfb\\xff', altchars=b'-_'), base64.urlsafe_b64encode(b'\\xfb\\xff\\xbf'), base64.standard_b64encode(b'hi')",
    "base64.b64decode(b'Zm9v'), base64.b64decode('Zm8='), base64.b64decode('Zg=='), base64.b64decode(b'Z m\\n9v'), base64.b64decode('Zg==Zm8=')",
    "base64.b64decode(b'-_-_', altchars=b'-_'), base64.urlsafe_b64decode('-_-_'), base64.standard_b64decode(b'aGk=')",
    "base64.b64decode('Zm9')",
    "base64.b64decode('Z')",
    "base64.b64decode('Zm9vY')",
    "base64.b64decode('Zm9v!', validate=True)",
    "base64.b64decode('Zm9v!'), base64.b64decode('Zm9v', validate=True), base64.b64decode(b'Zg==', validate=True)",
    "base64.b64decode('=Zm9v', validate=True)",
    "base64.b64decode('Zg==Zg==', validate=True)",
    "base64.b64decode('Zm9v\\u00e9')",
    "base64.b64decode(5)",
    "base64.b64encode('abc')",
    "base64.b64encode(b'a', altchars=b'-')",
    "base64.encodebytes(b'x' * 60), base64.decodebytes(b'eHh4\\neA==\\n')",
    "base64.b32encode(b''), base64.b32encode(b'a'), base64.b32encode(b'ab'), base64.b32encode(b'abc'), base64.b32encode(b'abcd'), base64.b32encode(b'abcde'), base64.b32encode(b'abcdef')",
    "base64.b32decode(b'ME======'), base64.b32decode('MFRA===='), base64.b32decode(b'MFRGG==='), base64.b32decode(b'MFRGGZA='), base64.b32decode(b'MFRGGZDF'), base64.b32decode('mfrggzdf', casefold=True)",
    "base64.b32decode(b'MFRGG0==', map01=b'L'), base64.b32hexencode(b'abc'), base64.b32hexdecode(b'C5H66===')",
    "base64.b32decode(b'MFRGG')",
    "base64.b32decode(b'MFRGG1==')",
    "base64.b32decode(b'M=======')",
    "base64.b16encode(b'\\x01\\xab\\xff'), base64.b16decode('01ABFF'), base64.b16decode(b'01abff', casefold=True)",
    "base64.b16decode('01abff')",
    "base64.b16decode('0')",
]

BINASCII = [
    "binascii.hexlify(b'\\x00\\xffab'), binascii.b2a_hex(b''), binascii.unhexlify(b'00ff6162'), binascii.a2b_hex('0A0b')",
    "binascii.hexlify(b'\\x01\\x02\\x03\\x04\\x05', '-'), binascii.hexlify(b'\\x01\\x02\\x03\\x04\\x05', b':', 2), binascii.hexlify(b'\\x01\\x02\\x03\\x04\\x05', ' ', -2)",
    "binascii.unhexlify('abc')",
    "binascii.unhexlify('zz')",
    "binascii.unhexlify(5)",
    "binascii.hexlify('ab')",
    "binascii.crc32(b'hello'), binascii.crc32(b''), binascii.crc32(b'world', binascii.crc32(b'hello ')), binascii.crc32(b'a', -1), binascii.crc_hqx(b'hello', 0)",
    "binascii.b2a_base64(b'hello'), binascii.b2a_base64(b'hello', newline=False), binascii.a2b_base64(b'aGVsbG8=\\n')",
    "binascii.a2b_base64(b'aGVsbG8')",
    "binascii.a2b_base64(b'aGVs!bG8=', strict_mode=True)",
    "issubclass(binascii.Error, ValueError), binascii.Error.__name__",
    "try:\n    binascii.a2b_base64(b'a')\nexcept ValueError as e:\n    return type(e).__name__, str(e)",
]

ZLIB = [
    "zlib.crc32(b'hello'), zlib.crc32(b'hello', 5), zlib.adler32(b'hello'), zlib.adler32(b''), zlib.adler32(b'x' * 10000), zlib.adler32(b'abc', 7)",
    "zlib.decompress(b'x\\x9c\\xcbH\\xcd\\xc9\\xc9\\x07\\x00\\x06,\\x02\\x15'), zlib.decompress(b'\\xcbH\\xcd\\xc9\\xc9\\x07\\x00', -15), zlib.MAX_WBITS",
    "zlib.decompress(b'abc')",
    "zlib.crc32('abc')",
    "issubclass(zlib.error, Exception), zlib.error.__name__",
]

CASES = [("hashlib", HASHLIB), ("base64", BASE64), ("binascii", BINASCII), ("zlib", ZLIB)]
