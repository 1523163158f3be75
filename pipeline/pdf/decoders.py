"""PDF stream filters decoded piece by piece, so that what a stream inflates to is measured with a
byte budget whatever its chain of filters (``/Filter [/ASCII85Decode /FlateDecode]``, Flate twice,
LZW ...), never held whole.

``decode_pieces(data, filters)`` chains one generator per filter; each yields at most ``PIECE``
bytes at a time and is only asked for more by the stage after it, so the preflight stops a chain
as soon as its last stage's output passes a limit, having held a few pieces at most. A stage that
meets damaged data stops there: what was decoded before is what a reader could get too.
"""

from __future__ import annotations

import base64
import binascii
import zlib
from collections.abc import Iterable, Iterator

PIECE = 1 << 20
_WHITESPACE = b" \t\r\n\x00\x0c"

# The filters naplog measures, by their names and abbreviations; image filters (DCT, JPX, JBIG2,
# CCITT) are not decoded by the readers to read text, and stop a chain here.
FILTERS = {b"FlateDecode": "flate", b"Fl": "flate", b"LZWDecode": "lzw", b"LZW": "lzw",
           b"ASCIIHexDecode": "hex", b"AHx": "hex", b"ASCII85Decode": "a85", b"A85": "a85",
           b"RunLengthDecode": "rl", b"RL": "rl"}
# The most one byte of a filter's input can become: deflate's ratio is at most about 1:1032; an
# LZW code of 9 bits or more gives at most 4,096 bytes; RunLength repeats a byte 128 times for
# 2 bytes; ASCII85's "z" is 4 bytes for 1.
MAX_RATIO = {"flate": 1032, "lzw": 3641, "rl": 64, "a85": 4, "hex": 1}


def chain_of(names: Iterable[bytes]) -> list[str] | None:
    """The filters a stream declares, as ``FILTERS`` kinds; None when one of them is not measured."""
    kinds = [FILTERS.get(n) for n in names]
    return None if any(k is None for k in kinds) else kinds  # type: ignore[return-value]


def max_ratio(chain: list[str]) -> int:
    """The most a chain can expand its input by (the product of its filters' ratios)."""
    ratio = 1
    for kind in chain:
        ratio *= MAX_RATIO[kind]
    return ratio


def _pieces_of(data: bytes, start: int, end: int) -> Iterator[bytes]:
    for pos in range(start, end, PIECE):
        yield data[pos:min(pos + PIECE, end)]


def _flate(pieces: Iterator[bytes]) -> Iterator[bytes]:
    d = zlib.decompressobj()
    try:
        for piece in pieces:
            buf = piece
            while buf:
                out = d.decompress(buf, PIECE)
                if out:
                    yield out
                if d.eof:
                    return
                buf = d.unconsumed_tail
        while not d.eof:  # what zlib still holds, a piece at a time
            out = d.decompress(b"", PIECE)
            if not out:
                return
            yield out
    except zlib.error:
        return


def _hex(pieces: Iterator[bytes]) -> Iterator[bytes]:
    carry = b""
    for piece in pieces:
        data = carry + piece.translate(None, _WHITESPACE)
        end = data.find(b">")
        if end >= 0:
            data = data[:end]
        even = len(data) - len(data) % 2
        try:
            yield binascii.unhexlify(data[:even])
        except binascii.Error:
            return
        carry = data[even:]
        if end >= 0:
            break
    if carry:
        try:
            yield binascii.unhexlify(carry + b"0")
        except binascii.Error:
            return


def _a85(pieces: Iterator[bytes]) -> Iterator[bytes]:
    carry = b""
    for piece in pieces:
        # "z" stands for a group of four zero bytes, written "!!!!!" in full.
        data = carry + piece.translate(None, _WHITESPACE).replace(b"z", b"!!!!!")
        end = data.find(b"~")
        if end >= 0:
            data = data[:end]
        whole = len(data) - len(data) % 5
        try:
            yield base64.a85decode(data[:whole])
        except ValueError:
            return
        carry = data[whole:]
        if end >= 0:
            break
    if carry:
        try:  # a last, short group: padded as the format says
            yield base64.a85decode(carry + b"u" * (5 - len(carry)))[:len(carry) - 1]
        except ValueError:
            return


def _run_length(pieces: Iterator[bytes]) -> Iterator[bytes]:
    carry = b""
    for piece in pieces:
        data = carry + piece
        out = bytearray()
        i = 0
        while i < len(data):
            n = data[i]
            if n == 128:  # end of data
                if out:
                    yield bytes(out)
                return
            need = n + 2 if n < 128 else 2
            if i + need > len(data):
                break
            out += data[i + 1:i + need] if n < 128 else data[i + 1:i + 2] * (257 - n)
            i += need
            if len(out) >= PIECE:
                yield bytes(out)
                out.clear()
        carry = data[i:]
        if out:
            yield bytes(out)


def _lzw(pieces: Iterator[bytes]) -> Iterator[bytes]:
    """LZW as PDF writes it (early change 1)."""
    table: list[bytes] = [bytes([i]) for i in range(256)] + [b"", b""]
    width, prev, out = 9, b"", bytearray()
    acc, n = 0, 0
    for piece in pieces:
        for byte in piece:
            acc = ((acc << 8) | byte) & 0xFFFFFFFF
            n += 8
            while n >= width:
                n -= width
                code = (acc >> n) & ((1 << width) - 1)
                if code == 256:
                    del table[258:]
                    width, prev = 9, b""
                    continue
                if code == 257:
                    if out:
                        yield bytes(out)
                    return
                if code < len(table):
                    entry = table[code]
                    if prev:
                        table.append(prev + entry[:1])
                elif prev and code == len(table):
                    entry = prev + prev[:1]
                    table.append(entry)
                else:
                    if out:
                        yield bytes(out)
                    return  # damaged
                out += entry
                prev = entry
                if len(table) + 1 >= (1 << width) and width < 12:
                    width += 1
                if len(out) >= PIECE:
                    yield bytes(out)
                    out.clear()
    if out:
        yield bytes(out)


_STAGES = {"flate": _flate, "hex": _hex, "a85": _a85, "rl": _run_length, "lzw": _lzw}


def decode_pieces(data: bytes, chain: list[str], start: int = 0, end: int | None = None) -> Iterator[bytes]:
    """``data[start:end]`` decoded through ``chain``, in pieces of at most about ``PIECE`` bytes."""
    pieces: Iterator[bytes] = _pieces_of(data, start, len(data) if end is None else end)
    for kind in chain:
        pieces = _STAGES[kind](pieces)
    return pieces
