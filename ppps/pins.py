"""PIN checks that cost the same whether or not the number typed exists.

A public lookup that finds no case (or a case without a PIN) would otherwise answer without
hashing anything, and the shorter response time tells a guesser which register numbers and
tickets exist. ``burn`` runs one real hash check against a throwaway hash instead.
"""

import secrets

from django.contrib.auth.hashers import check_password, get_hasher, make_password

# One dummy hash per hashing algorithm, made on first use (so a changed PASSWORD_HASHERS, as in
# tests, gets a hash its current default hasher can verify).
_DUMMY_HASH: dict[str | None, str] = {}


def dummy_hash() -> str:
    algorithm = get_hasher().algorithm
    if algorithm not in _DUMMY_HASH:
        _DUMMY_HASH[algorithm] = make_password(secrets.token_urlsafe(16))
    return _DUMMY_HASH[algorithm]


def burn(pin: str | None) -> bool:
    """Check ``pin`` against the dummy hash and return False, like a wrong PIN would."""
    check_password((pin or "").strip().upper(), dummy_hash())
    return False
