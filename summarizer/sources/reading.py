"""Input file -> text: regular files only, size checked before reading, encoding detected.

A listing is a file a person saved, so it may be UTF-16 (Windows editors), a
legacy 8-bit code page (an old browser's "save as text") or carry a BOM. These
are decoded with a warning naming the encoding; binary files, devices and
FIFOs are refused with one line before a byte is read, so `/dev/zero` or a
named pipe can neither exhaust memory nor hang the run.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path
from typing import BinaryIO

import charset_normalizer

from summarizer.errors import InputError
from summarizer.sources.records import Warn

MAX_FILE_BYTES = 200 * 1024 * 1024
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"BZh")
_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))
_SAVE_FIRST = "save the listing to a regular file first"
# for an English page the commonest legacy encoding wins a tie between equally plausible 8-bit code pages
_PREFERRED = ("cp1252", "latin_1")


def read_bytes(path: Path) -> bytes:
    """The file's bytes; refuses non-regular files and oversized files before reading them."""
    source = str(path)
    try:
        # O_NONBLOCK: opening a FIFO that has no writer returns at once instead of hanging
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise InputError(source, f"cannot be read ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as handle:
        mode, size = os.fstat(fd).st_mode, os.fstat(fd).st_size
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
            raise InputError(source, f"is {kind}, not a file" + ("" if stat.S_ISDIR(mode) else f"; {_SAVE_FIRST}"))
        if size > MAX_FILE_BYTES:
            raise InputError(source, _too_big(size))
        try:
            data = _read_bounded(handle)
        except OSError as exc:
            raise InputError(source, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(source, _too_big(len(data)))
    return bytes(data)


def _read_bounded(handle: BinaryIO) -> bytearray:
    """At most MAX_FILE_BYTES + 1 bytes in 1 MiB chunks: bounded even if the file grows while we read,
    and no 200 MiB buffer is allocated up front for a small file."""
    data = bytearray()
    while len(data) <= MAX_FILE_BYTES and (chunk := handle.read(min(1 << 20, MAX_FILE_BYTES + 1 - len(data)))):
        data += chunk
    return data


def _too_big(size: int) -> str:
    return f"is {size / 2**20:.1f} MiB; the limit is {MAX_FILE_BYTES / 2**20:g} MiB"


def _control_bytes(sample: bytes) -> int:
    """Bytes that never occur in text (tab, newlines, form feed and ESC aside)."""
    return sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))


def _strict(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(source, f"starts with a {codec.upper()} byte-order mark but is not {codec.upper()} "
                                 f"(invalid byte at offset {exc.start}); re-save it as UTF-8") from None


def _detect(data: bytes) -> str | None:
    """Best-guess encoding of bytes that are not UTF-8 (charset-normalizer), or None for binary."""
    matches = list(charset_normalizer.from_bytes(data[:1 << 20]))
    if not matches:
        return None
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    ties = {m.encoding for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)}
    return next((name for name in _PREFERRED if name in ties), str(best.encoding))


def decode_text(data: bytes, source: str, warn: Warn) -> str:
    """Text from bytes: BOM, UTF-8, detected UTF-16 or 8-bit code page (warned), else an InputError."""
    if not data.strip():
        raise InputError(source, "is empty")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec, source)
    binary = InputError(source, "is a binary file, not a paper listing (expected text, JSON, CSV or Atom XML)")
    if data.startswith(_BINARY_MAGIC):
        raise binary
    sample = data[:8192]
    if sample.count(b"\x00") > len(sample) // 4 and (guess := _detect(data)) and guess.startswith("utf_16"):
        warn(f"{source}: decoded as {guess} without a byte-order mark (detected); re-save it as UTF-8 to be sure")
        return data.decode(guess, "replace")
    if _control_bytes(sample) > max(8, len(sample) // 50):
        raise binary
    if nuls := data.count(b"\x00"):
        warn(f"{source}: removed {nuls} NUL byte(s)")
        data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _not_utf8(data, exc, source, warn, binary)


def _not_utf8(data: bytes, exc: UnicodeDecodeError, source: str, warn: Warn, binary: InputError) -> str:
    decoded = data.decode("utf-8", "replace")
    bad = decoded.count("\ufffd")
    # UTF-8 with a few corrupt bytes still has valid multi-byte characters; a legacy 8-bit file has none
    if bad <= max(16, len(data) // 1000) and any(ord(c) > 127 and c != "\ufffd" for c in decoded):
        warn(f"{source}: {bad} invalid UTF-8 byte(s) replaced (first at offset {exc.start})")
        return data.decode("utf-8", "replace")
    codec = _detect(data)
    if codec is None:
        raise binary
    warn(f"{source}: invalid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); decoded as {codec} "
         f"(detected); re-save it as UTF-8 if the text looks wrong")
    return data.decode(codec, "replace")


def read_text(path: Path, warn: Warn) -> str:
    """File contents as text, or an InputError saying what the file is instead."""
    return decode_text(read_bytes(path), str(path), warn)
