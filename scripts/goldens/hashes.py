"""XXH3-128 digests (the `xxhash` package, xxHash 0.8) for packages/core/test/goldens/hashes.json,
and the content hash of a small table computed from the format's description (hashlib + xxhash).

Inputs are deterministic byte patterns, byte i = ((i * 2654435761) mod 2^32) >> 24, at lengths
around XXH3's stripe (64 bytes), block (1,024 bytes) and Vigie's 64 KiB chunk boundaries; the
content hash of a table uses XXH3-128 for every part longer than 240 bytes.
"""

from __future__ import annotations

import hashlib
import json
import math
import pathlib
import struct

import xxhash

GOLDENS = pathlib.Path(__file__).resolve().parents[2] / "packages" / "core" / "test" / "goldens"
LENGTHS = [241, 255, 256, 300, 1023, 1024, 1025, 1087, 1088, 1089, 2048, 4097, 65535, 65536, 65537, 66560, 70000, 196625, 1000003]


def pattern(n: int) -> bytes:
    return bytes(((i * 2654435761) & 0xFFFFFFFF) >> 24 for i in range(n))


def part(sha, data: bytes) -> None:
    """A column part as Vigie's content hash (format v3) feeds it: length, then digest or bytes."""
    sha.update(f"{len(data)}:".encode())
    sha.update(xxhash.xxh3_128_hexdigest(data).encode() if len(data) >= 241 else data)


def content_hash() -> dict:
    """The content hash of a two-column table, computed from the format's description alone."""
    rows = 100
    x = [math.nan if i == 7 else i * 0.5 - 3 for i in range(rows)]
    labels = ["b", "é東", None, "a"]
    c = [labels[(i * 7) % 4] for i in range(rows)]
    col_x = hashlib.sha256(f"vigie-column-v3:x:numeric:float64:{rows}\0".encode())
    part(col_x, struct.pack(f"<{rows}d", *x))
    col_c = hashlib.sha256(f"vigie-column-v3:c:categorical:dict:{rows}\0".encode())
    order: list[str] = []
    for v in c:
        if v is not None and v not in order:
            order.append(v)
    part(col_c, "".join(order).encode("utf-8"))
    part(col_c, struct.pack(f"<{len(order)}i", *[len(v.encode("utf-16-le")) // 2 for v in order]))
    part(col_c, struct.pack(f"<{rows}i", *[-1 if v is None else order.index(v) for v in c]))
    table = hashlib.sha256(f"vigie-table-v3:{rows}:2".encode())
    for col in (col_x, col_c):
        table.update(col.hexdigest().encode())
    return {"x": ["NaN" if math.isnan(v) else v for v in x], "labels": labels, "c": c, "contentHash": table.hexdigest()}


def main() -> None:
    cases = [{"length": n, "xxh3_128": xxhash.xxh3_128_hexdigest(pattern(n))} for n in LENGTHS]
    # Text as the content hash feeds it: UTF-8.
    text = "".join(f"é{i}東京" for i in range(200)).encode("utf-8")
    doc = {
        "generator": "scripts/goldens/hashes.py",
        "versions": {"xxhash": xxhash.XXHASH_VERSION, "xxhash-python": xxhash.VERSION},
        "pattern": cases,
        "contentHash": content_hash(),
        "text": {"source": "''.join(f'é{i}東京' for i in range(200)), UTF-8", "length": len(text), "xxh3_128": xxhash.xxh3_128_hexdigest(text)},
    }
    GOLDENS.mkdir(parents=True, exist_ok=True)
    (GOLDENS / "hashes.json").write_text(json.dumps(doc, indent=1) + "\n")


if __name__ == "__main__":
    main()
