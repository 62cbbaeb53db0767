"""Bytes to text: detect the encoding, normalize Unicode and spaces."""

from __future__ import annotations

import re
import unicodedata

# Tried in order; cp949 is a superset of EUC-KR and still common on Korean sites.
CANDIDATE_ENCODINGS = ("utf-8", "cp949", "utf-16")

_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class UndecodableError(ValueError):
    """The bytes are not text in any supported encoding."""


def looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 BOMs are text
        return False
    return b"\x00" in head


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raise UndecodableError with what was tried."""
    if not data.strip():
        raise UndecodableError("the item is empty")
    if looks_binary(data):
        raise UndecodableError("the item is binary (NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    for encoding in CANDIDATE_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UndecodableError(f"the item decodes as none of {', '.join(CANDIDATE_ENCODINGS)}")


def normalize_text(text: str) -> str:
    """NFC, no-break and other odd spaces to plain spaces, no zero-width or control characters."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub("", text)
    return _SPACES.sub(" ", text)


def fold_spaces(line: str) -> str:
    return re.sub(r" {2,}", " ", line).strip()
