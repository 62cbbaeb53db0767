"""Bytes to text: detect the encoding, repair mojibake, normalize Unicode and spaces."""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
# bidi embeddings, overrides and isolates: they reorder how text is shown (a title that reads backwards)
# and carry no content
_BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# <meta charset="euc-kr">, <meta http-equiv=… content="text/html; charset=euc-kr">, <?xml … encoding="euc-kr"?>
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{2,30})""", re.I)
# Korean pages declare euc-kr but use cp949's extra syllables: cp949 reads both.
_WIDER = {"euc_kr": "cp949", "ks_c_5601_1987": "cp949", "iso8859_1": "cp1252", "ascii": "utf-8"}

# A UTF-8 page with a CP949 story pasted in (or the reverse): each line is read in the encoding it is in.
MIXED = "utf-8+cp949"

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class UndecodableError(ValueError):
    """The bytes are not text in any supported encoding."""


def looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # UTF-16 text has NUL bytes
        return False
    return b"\x00" in head


def codec_name(label: str | None) -> str | None:
    """Python's name for a charset label, widened to the superset real pages use; None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'").lower()).name.replace("-", "_")
    except LookupError:
        return None
    return _WIDER.get(name, name).replace("_", "-")


def declared_charset(data: bytes) -> str | None:
    """The charset a page or feed declares for itself in its first 2 KB."""
    m = _DECLARED.search(data[:2048])
    return codec_name(m.group(1).decode("ascii")) if m else None


def _hangul_share(text: str) -> float:
    wide = [c for c in text if ord(c) > 0x7F]
    return sum("가" <= c <= "힣" for c in wide) / len(wide) if wide else 1.0


def _reads_as_text(text: str) -> bool:
    """A guessed decoding is believed only if it has words (spaces between them) or is CJK."""
    if not text:
        return False
    spaces = sum(c.isspace() for c in text) / len(text)
    cjk = sum("\u3040" <= c <= "\u9fff" or "가" <= c <= "힣" for c in text) / len(text)
    return spaces >= 0.03 or cjk >= 0.5


def detect_encoding(data: bytes, declared: str | None = None) -> str:
    """The encoding of the bytes, most trusted evidence first.

    A byte-order mark; then UTF-8 if the bytes are valid UTF-8 (a wrong declaration is
    common, valid UTF-8 by accident is not); then the charset declared by the HTTP header
    or the document; then CP949 when it yields Korean; then a statistical guess.
    Raise UndecodableError when nothing fits.
    """
    if not data.strip():
        raise UndecodableError("the item is empty")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    if looks_binary(data):
        raise UndecodableError("the item is binary (NUL bytes), not text")
    tried = []
    for name in ("utf-8", codec_name(declared), declared_charset(data), "cp949"):
        if not name or name in tried:
            continue
        tried.append(name)
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if name != "cp949" or _hangul_share(text) > 0.5:
            return name
    if _decode_lines(data) is not None:
        return MIXED
    guess = charset_normalizer.from_bytes(data[:200_000]).best()
    if guess is not None and guess.encoding and guess.chaos < 0.1 and _reads_as_text(str(guess)):
        try:  # single-byte Western codecs often read alike: name the common one when it reads the same
            if data.decode("cp1252") == str(guess):
                return "cp1252"
        except UnicodeDecodeError:
            pass
        return codec_name(guess.encoding) or guess.encoding
    raise UndecodableError(f"the item decodes as none of {', '.join(tried)} and no encoding fits it")


def _decode_lines(data: bytes) -> str | None:
    """Each line as UTF-8, else as CP949 when that gives Korean; None unless the file really mixes both."""
    lines, used = [], set()
    for raw in data.split(b"\n"):
        try:
            lines.append(raw.decode("utf-8"))
            used.add("utf-8" if any(b > 0x7F for b in raw) else "ascii")
            continue
        except UnicodeDecodeError:
            pass
        try:
            line = raw.decode("cp949")
        except UnicodeDecodeError:
            return None
        if _hangul_share(line) <= 0.5:
            return None
        lines.append(line)
        used.add("cp949")
    return "\n".join(lines) if {"utf-8", "cp949"} <= used else None


# --- mojibake -----------------------------------------------------------------------------------
# Text decoded with the wrong codec, and saved so, shows runs of Latin-1 letters (UTF-8 read as
# Latin-1: "ì\x9d´"), rare hanja among hangul (UTF-8 read as CP949) or C1 controls. Reversing the
# wrong decoding gives the bytes back; a repair is kept only when those bytes are valid in the
# right codec and the result reads better.
_SUSPECT = re.compile(r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013"
                      r"\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u4e00-\u9fff"
                      r"\uac00-\ud7a3\ufffd]")
_ODD = re.compile(r"[\u0080-\u00ff\u4e00-\u9fff\ufffd\u0152-\u2122]")
_REPAIRS = (  # (how it was wrongly read, what it really was); cp1252 undoes Latin-1 readings too
    ("cp1252", "utf-8", "UTF-8 read as Latin-1/Windows-1252"),
    ("cp949", "utf-8", "UTF-8 read as CP949"),
    ("cp1252", "cp949", "CP949 read as Latin-1/Windows-1252"),
)


def _oddness(text: str) -> int:
    return len(_ODD.findall(text))


def _undo(line: str, wrong: str, right: str) -> str | None:
    try:
        if wrong == "cp1252":  # cp1252 leaves five bytes undefined; those pass through as Latin-1
            raw = b"".join(c.encode("cp1252") if ord(c) > 0xFF else c.encode("latin-1") for c in line)
        else:
            raw = line.encode(wrong)
        return raw.decode(right)
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def repair_mojibake(text: str) -> tuple[str, list[str]]:
    """Repair lines that went through a wrong decoding; return the text and what was repaired."""
    if not _SUSPECT.search(text) or not any(ord(c) > 0x7F and not "가" <= c <= "힣" for c in text):
        return text, []
    repaired, notes = [], []
    for line in text.split("\n"):
        best, best_note = line, None
        if _ODD.search(line):
            for wrong, right, note in _REPAIRS:
                candidate = _undo(line, wrong, right)
                if candidate is not None and candidate != line and _oddness(candidate) * 2 < _oddness(best):
                    best, best_note = candidate, note
        repaired.append(best)
        if best_note and best_note not in notes:
            notes.append(best_note)
    return "\n".join(repaired), notes


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding). Raise UndecodableError with what was tried."""
    encoding = detect_encoding(data, declared)
    if encoding == MIXED:
        return _decode_lines(data), encoding
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise UndecodableError(f"the item is not valid {encoding}: {exc}") from exc


def decode_item(data: bytes, detected: str | None) -> tuple[str, str]:
    """Decode with the encoding ingest already detected; detect again only for items that lack one."""
    name = codec_name(detected)
    if name:
        try:
            return data.decode(name), name
        except (UnicodeDecodeError, LookupError):
            pass  # recorded by an older version, or wrong: detect again
    return decode_bytes(data)


def normalize_text(text: str) -> str:
    """NFC, no-break and other odd spaces to plain spaces, no zero-width or control characters."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _BIDI_CONTROLS.sub("", text)
    text = _CONTROL.sub("", text)
    return _SPACES.sub(" ", text)


def fold_spaces(line: str) -> str:
    return re.sub(r" {2,}", " ", line).strip()
