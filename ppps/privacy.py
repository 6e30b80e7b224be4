"""Party data in public notes: the one check that a note shown on the public pages names none
of the case's parties (pelapor, saksi, terlapor, ...).

Perbawaslu 1/2022 Pasal 18(2)(b) (?) forbids disclosing information that reveals a reporter,
informant or witness. The check is token-based and forgiving of case, spacing and punctuation:

- a name matches when its tokens of three letters or more appear in the note in the same order;
- a NIK or phone number matches on its digits, whatever separators the note puts between them
  (a phone number also in its +62 / 0 forms);
- an e-mail address matches on its letters and digits;
- an address matches when one of its lines (split at commas), without words such as "Jl." or
  "RT", appears in the note as consecutive words.

The error names only the kind of data found, never the value, so it can be shown anywhere.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError

KIND_WORDS = {
    "nama": "nama",
    "nik": "NIK",
    "telepon": "nomor telepon",
    "email": "alamat surel",
    "alamat": "alamat",
}
# Words of an address line that say nothing about a place on their own.
ADDRESS_WORDS = frozenset(
    "jl jln jalan gg gang no nomor rt rw blok kel kelurahan desa ds kec kecamatan kab "
    "kabupaten kota kp kampung dusun dsn lingkungan lk perum perumahan komplek kompleks".split()
)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def tokens(text: str | None) -> list[str]:
    """Casefolded letter/digit words of ``text``, accents dropped, all else a separator."""
    text = unicodedata.normalize("NFKD", text or "").casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return [t for t in _NON_ALNUM.split(text) if t]


def _digits_runs(text: str | None) -> list[str]:
    """The note's digits with separators between them dropped: "3201 01.01" -> "32010101".
    Letters stay as breaks, so digits from unrelated words do not join up."""
    return "".join(t if t.isdigit() else " " for t in tokens(text)).split()


def _in_order(needle: Iterable[str], haystack: Iterable[str]) -> bool:
    it = iter(haystack)
    return all(word in it for word in needle)


def _contiguous(needle: Sequence[str], haystack: Sequence[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _name_found(name: str | None, note_tokens: list[str], note_compact: str) -> bool:
    words = [t for t in tokens(name) if t.isalpha() and len(t) >= 3]
    if not words:
        return False
    if _in_order(words, note_tokens):
        return True
    joined = "".join(words)  # "BudiSantoso", "B u d i  S a n t o s o"
    return len(words) > 1 and len(joined) >= 8 and joined in note_compact


def _phone_core(value: str | None) -> str:
    digits = re.sub(r"\D", "", value or "")
    if digits.startswith("62"):
        digits = digits[2:]
    return digits.lstrip("0")


def _address_found(alamat: str | None, note_tokens: list[str]) -> bool:
    note_words = [t for t in note_tokens if t not in ADDRESS_WORDS]
    for line in re.split(r"[,;\n]+", alamat or ""):
        words = [t for t in tokens(line) if t not in ADDRESS_WORDS]
        if len(words) >= 2 and any(len(w) >= 3 and w.isalpha() for w in words):
            if _contiguous(words, note_words):
                return True
    return False


def _field(party: Any, name: str) -> Any:
    return party.get(name) if isinstance(party, dict) else getattr(party, name, "")


def party_data_in(text: str | None, parties: Iterable[Any]) -> list[str]:
    """The kinds of party data (keys of KIND_WORDS, in that order) that ``text`` contains.
    ``parties`` are objects or dicts with nama, nik, telepon, email and alamat."""
    note_tokens = tokens(text)
    if not note_tokens:
        return []
    note_compact = "".join(note_tokens)
    runs = _digits_runs(text)
    found: set[str] = set()
    for party in parties:
        get = partial(_field, party)
        if _name_found(get("nama"), note_tokens, note_compact):
            found.add("nama")
        nik = re.sub(r"\D", "", get("nik") or "")
        if len(nik) >= 8 and any(nik in run for run in runs):
            found.add("nik")
        phone = _phone_core(get("telepon"))
        if len(phone) >= 7 and any(phone in run for run in runs):
            found.add("telepon")
        email = "".join(tokens(get("email")))
        if len(email) >= 5 and email in note_compact:
            found.add("email")
        if _address_found(get("alamat"), note_tokens):
            found.add("alamat")
    return [kind for kind in KIND_WORDS if kind in found]


def check_public_note(text: str | None, parties: Iterable[Any]) -> None:
    """Raise ValidationError when a note meant for the public pages contains party data."""
    kinds = party_data_in(text, parties)
    if kinds:
        words = ", ".join(KIND_WORDS[k] for k in kinds)
        raise ValidationError(
            "Catatan yang ditampilkan di halaman publik tidak boleh memuat data pihak perkara "
            f"(ditemukan: {words}). Hapus data itu dari catatan, atau jangan tampilkan catatan "
            "di halaman publik.",
            code="party_data",
            params={"kinds": kinds},
        )
