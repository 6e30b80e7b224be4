"""The register-number lookup key: pure text folding, no database, no settings.

Kept apart from the models so the public lookup, the register service, the model's ``save`` and
migration 0003 share one rule, and so mutation testing can target it alone (docs/mutation.md).
"""

import re
import unicodedata

_NOT_KEY = re.compile(r"[^0-9A-Z]+")
# The column ``Perkara.nomor_kunci`` holds at most this many characters.
KEY_LENGTH = 120


def normalise_register(text: str | None) -> str:
    """The lookup key of a register number: what the public types or pastes, forgiven.

    Unicode is folded first (NFKC): a fullwidth slash or digit, NBSP, thin and ideographic
    spaces become their plain forms. Then every run of anything that is not a Latin letter or a
    digit is one separator: slash, backslash, dot, hyphen, en/em dash, minus, fraction and
    division slashes, spaces, trailing punctuation. Case and leading zeros of numeric parts are
    ignored. So " 1 / reg – lp/pb/KAB/08.07/x/2024. " finds "001/Reg/LP/PB/Kab/08.07/X/2024".
    Digits are never joined or dropped, so another sequence number or year never matches.
    """
    text = unicodedata.normalize("NFKC", text or "").upper()
    parts = [p for p in _NOT_KEY.split(text) if p]
    return "/".join(p.lstrip("0") or "0" if p.isdigit() else p for p in parts)[:KEY_LENGTH]
