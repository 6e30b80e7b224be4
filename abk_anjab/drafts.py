"""Server drafts of the Anjab form: what is typed, kept per person and analysis until saved.

- The page posts the form to ``/abk/analisis/<id>/draf/`` as the user types (debounced, see
  ``static/abk_anjab/abk_anjab.js``), so another browser or device continues from the server
  and a session that ends loses at most the last seconds of typing.
- Without JavaScript, and for a save clicked after the session ended, the form carries a
  signed *draft token* (``token_for``): a POST that arrives without a session but with a valid
  token for that analysis is kept as its author's draft, never saved into the analysis, and the
  browser is sent to the sign-in page ("sesi berakhir, isian Anda aman") with ``next`` back to
  the form. The token names the user and the analysis and expires (``conf.draft_token_age``);
  the author still has to sign in and save, and the author's rights are checked again then.
"""

from django.contrib.auth import get_user_model
from django.core import signing
from django.http import QueryDict

from . import conf

# Fields of the page that are buttons or secrets, never part of a draft.
NOT_KEPT = {"csrfmiddlewaretoken", "draf_token", "simpan", "simpan_bagian", "ajukan", "tambah"}
MAX_PAIRS = 10_000  # the same bound as DATA_UPLOAD_MAX_NUMBER_FIELDS
_SALT = "abk_anjab.draft"


def pairs_from(data):
    """``[[name, value], ...]`` of a QueryDict, buttons and tokens left out."""
    pairs = []
    for name, values in data.lists():
        if name in NOT_KEPT or name == "timpa":
            continue
        for value in values:
            if isinstance(value, str):
                pairs.append([name, value])
    return pairs[:MAX_PAIRS]


def as_querydict(pairs):
    """The QueryDict a form binds to, from stored pairs (values of a repeated name kept)."""
    data = QueryDict(mutable=True)
    for pair in pairs:
        if isinstance(pair, list | tuple) and len(pair) == 2:
            data.appendlist(str(pair[0]), str(pair[1]))
    return data


def replace_fields(pairs, prefix, fresh):
    """``pairs`` with every field of ``prefix`` (a formset's, ``prefix-``) replaced by
    ``fresh`` (a dict), and ``versi`` by ``fresh['versi']`` when given."""
    kept = [
        p
        for p in pairs
        if not (prefix and p[0].startswith(f"{prefix}-"))
        and not (p[0] == "versi" and "versi" in fresh)
    ]
    return kept + [[name, value] for name, value in fresh.items()]


def token_for(anjab, user):
    """The signed draft token of the form of ``anjab`` opened by ``user``."""
    # The session hash changes with the password: a new password ends old tokens too.
    return signing.dumps(
        {"a": anjab.pk, "u": user.pk, "h": user.get_session_auth_hash()[:16]},
        salt=_SALT,
        compress=True,
    )


def user_of_token(token, anjab):
    """The active user a draft token of ``anjab`` was issued to, or None (bad, expired, for
    another analysis, user gone or deactivated)."""
    try:
        payload = signing.loads(str(token or ""), salt=_SALT, max_age=conf.draft_token_age())
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("a") != anjab.pk:
        return None
    user_id = payload.get("u")
    if not isinstance(user_id, int):
        return None
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.get_session_auth_hash()[:16] != payload.get("h"):
        return None
    return user
