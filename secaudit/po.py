"""Reading gettext `.po` catalogues, so translators' files are used as they are written.

Shipping the `.po` text (not compiled `.mo` files) keeps one source of truth that translators
edit with any tool (Poedit, Weblate, a text editor) and needs no build step. The entries are
packed into the `.mo` layout in memory and handed to the standard library's `gettext`, which
then does the lookups, contexts and plural rules.
"""

from __future__ import annotations

import io
import re
import struct
from dataclasses import dataclass, field
from gettext import GNUTranslations

from secaudit.errors import BadInputError

_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')
_CONTINUATION = re.compile(r'^(".*")\s*$')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
            "f": "\f", "v": "\v"}
_MO_MAGIC = 0x950412DE


@dataclass(slots=True)
class Entry:
    """One message of a catalogue: English text in, translated text out."""

    msgid: str = ""
    context: str | None = None
    plural: str | None = None
    translations: list[str] = field(default_factory=list)
    fuzzy: bool = False
    line: int = 0

    @property
    def translated(self) -> bool:
        """Whether this entry may be used: reviewed (not fuzzy) and every form filled in."""
        return not self.fuzzy and bool(self.translations) and all(self.translations)

    @property
    def key(self) -> tuple[str | None, str]:
        """What identifies the message: its context and English text."""
        return (self.context, self.msgid)


def _unquote(quoted: str, source: str, line: int) -> str:
    body = quoted[1:-1]
    out: list[str] = []
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            index += 1
            code = body[index] if index < len(body) else ""
            if code not in _ESCAPES:
                raise BadInputError(source, f"unknown escape \\{code} in a string", line=line)
            out.append(_ESCAPES[code])
        elif char == '"':
            raise BadInputError(source, 'a " inside a string must be written \\"', line=line)
        else:
            out.append(char)
        index += 1
    return "".join(out)


def parse_po(text: str, source: str) -> list[Entry]:
    """The entries of a `.po` file; obsolete (`#~`) entries are left out."""
    entries: list[Entry] = []
    current = Entry()
    field_name: str | None = None
    started = False

    def finish() -> None:
        nonlocal current, field_name, started
        if started:
            entries.append(current)
        current, field_name, started = Entry(), None, False

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            if not line:
                finish()
            continue
        if line.startswith("#"):
            if field_name is not None and field_name.startswith("msgstr"):
                finish()
            if line.startswith("#,") and "fuzzy" in (f.strip() for f in line[2:].split(",")):
                current.fuzzy = True
            continue
        keyword = _KEYWORD.match(line)
        if keyword:
            name, index, quoted = keyword.groups()
            if name in ("msgctxt", "msgid") and field_name is not None and (
                    field_name.startswith("msgstr")):
                finish()
            value = _unquote(quoted, source, number)
            if not started:
                current.line, started = number, True
            if name == "msgctxt":
                current.context = value
            elif name == "msgid":
                current.msgid = value
            elif name == "msgid_plural":
                current.plural = value
            else:
                position = int(index) if index is not None else 0
                if position != len(current.translations):
                    raise BadInputError(source, f"expected msgstr[{len(current.translations)}]",
                                        line=number)
                current.translations.append(value)
            field_name = name if index is None else f"msgstr[{index}]"
            continue
        continuation = _CONTINUATION.match(line)
        if continuation and field_name is not None:
            value = _unquote(continuation.group(1), source, number)
            if field_name == "msgctxt":
                current.context = (current.context or "") + value
            elif field_name == "msgid":
                current.msgid += value
            elif field_name == "msgid_plural":
                current.plural = (current.plural or "") + value
            else:
                current.translations[-1] += value
            continue
        raise BadInputError(source, "not a .po line (expected msgid, msgstr, a quoted string "
                            "or a # comment)", line=number)
    finish()
    for entry in entries:
        if not entry.translations:
            raise BadInputError(source, "a msgid needs a msgstr", line=entry.line)
    return entries


def _mo_bytes(entries: list[Entry]) -> bytes:
    """The entries in the binary `.mo` layout that `gettext` reads."""
    pairs: dict[bytes, bytes] = {}
    for entry in entries:
        if entry.msgid and not entry.translated:
            continue  # falls back to English for this item alone
        key = entry.msgid if entry.plural is None else f"{entry.msgid}\0{entry.plural}"
        if entry.context is not None:
            key = f"{entry.context}\x04{key}"
        pairs[key.encode("utf-8")] = "\0".join(entry.translations).encode("utf-8")
    pairs.setdefault(b"", b"Content-Type: text/plain; charset=UTF-8\n")
    keys = sorted(pairs)
    header_size = 7 * 4
    originals_at = header_size
    translations_at = originals_at + 8 * len(keys)
    data = io.BytesIO()
    offset = translations_at + 8 * len(keys)
    original_table: list[tuple[int, int]] = []
    translation_table: list[tuple[int, int]] = []
    for table, values in ((original_table, keys), (translation_table, [pairs[k] for k in keys])):
        for value in values:
            table.append((len(value), offset))
            data.write(value + b"\0")
            offset += len(value) + 1
    out = io.BytesIO()
    out.write(struct.pack("<7I", _MO_MAGIC, 0, len(keys), originals_at, translations_at, 0, 0))
    for length, at in original_table + translation_table:
        out.write(struct.pack("<2I", length, at))
    out.write(data.getvalue())
    return out.getvalue()


def translations_from_po(text: str, source: str) -> GNUTranslations:
    """A standard-library translations object built from `.po` text."""
    return GNUTranslations(io.BytesIO(_mo_bytes(parse_po(text, source))))
