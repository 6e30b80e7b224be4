"""The rendered public result of a case, kept in the shared cache (Redis in production, so
every app server sees the same entries), so that /cek/ costs one indexed read of the matching
cases' (id, updated_at) and one cache round trip.

A stale status is impossible by construction, not by remembering to delete entries: the key
and the stored value carry everything the result depends on,

- the case's ``updated_at``: bumped by every save of the case and, through the signal below,
  by every saved or deleted history event (``services.add_note`` bumps it too);
- the rules token: a new random value after every save or delete of a stage, status word,
  election, office or holiday (the installation's rules and the office's names), stored with
  the entry and compared on every read;
- today's date: "n hari lagi" and "melewati batas waktu sejak ..." change at midnight;
- the release: a digest of the public templates and the static files manifest, so a deploy
  that changes the page or its stylesheet's hashed name never serves the old page.

An entry that no longer matches is never read again and expires after
``conf.public_cache_seconds()``.
"""

import hashlib
import uuid
from functools import cache as once
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from sisp import ratelimit

from . import conf
from .models import HariLibur, Pemilihan, Perkara, RiwayatPerkara, StatusPerkara, Tahapan
from .public import _aware, forget_reference, lookup_rows

RULES_KEY = "ppps:public:rules"
FRAGMENT = "ppps/public/_facts.html"


def rules_token():
    """The current rules token (a new one if the cache lost it: every entry is then stale)."""
    token = cache.get(RULES_KEY)
    if token is None:
        cache.add(RULES_KEY, uuid.uuid4().hex, None)
        token = cache.get(RULES_KEY)
    return token


@once
def release():
    """Digest of what a cached page is made of besides data: the public page templates and
    the static manifest (hashed file names), read once per process."""
    digest = hashlib.sha256()
    folders = [Path(d) for t in settings.TEMPLATES for d in t.get("DIRS", [])]
    files = [f for d in folders for f in sorted(d.glob("base.html"))]
    files += [f for d in folders for f in sorted((d / "ppps" / "public").glob("*.html"))]
    files.append(Path(settings.STATIC_ROOT or ".") / "staticfiles.json")
    for path in files:
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _new_rules_token():
    cache.set(RULES_KEY, uuid.uuid4().hex, None)


def rules_changed(**kwargs):
    """A stage, status word, election, office or holiday changed. The token changes at once
    and again after commit: a reader between the two could have built a result from the rows
    before the commit under the first new token."""
    forget_reference()
    _new_rules_token()
    transaction.on_commit(_new_rules_token)


def case_event_changed(instance, **kwargs):
    """A history event was saved or deleted: its case's public result changed."""
    Perkara.objects.filter(pk=instance.perkara_id).update(updated_at=timezone.now())


for _model in (Tahapan, StatusPerkara, Pemilihan, HariLibur, "sisp.Office"):
    post_save.connect(rules_changed, sender=_model, dispatch_uid=f"ppps-cache-{_model}")
    post_delete.connect(rules_changed, sender=_model, dispatch_uid=f"ppps-cache-del-{_model}")
post_save.connect(case_event_changed, sender=RiwayatPerkara, dispatch_uid="ppps-cache-event")
post_delete.connect(case_event_changed, sender=RiwayatPerkara, dispatch_uid="ppps-cache-del-ev")


def _stamp_sql():
    p = Perkara._meta
    return (
        # Only model metadata is interpolated; the key is a query parameter.
        f"SELECT {p.pk.column}, {p.get_field('updated_at').column} FROM {p.db_table} "  # noqa: S608
        f"WHERE {p.get_field('nomor_kunci').column} = %s "
        f"AND {p.get_field('nomor_register').column} <> '' ORDER BY {p.pk.column} LIMIT 5"
    )


STAMP_SQL = None


def _key(pk, updated_at, today):
    return f"ppps:public:case:{pk}:{_aware(updated_at).timestamp():.6f}:{today:%Y%m%d}"


def _render(facts):
    return render_to_string(FRAGMENT, {"f": facts})


class Lookup:
    """What ``cached_lookup`` found: the results (facts dicts, each with its fragment under
    "html"), and the whole page when it was cached for these cases as they are now."""

    def __init__(self, results, page=None, page_key=None, token=None, stamps=None):
        self.results, self.page, self.page_key = results, page, page_key
        self.token, self.stamps = token, stamps

    def store_page(self, content):
        """Keep the rendered page (body and headers) for the next anonymous reader of the
        same cases (``ppps.middleware.CachedLookupMiddleware``), with the rules token and the
        stamps of the cases it shows: ``cached_page`` serves it only while both still hold."""
        if self.page_key:
            entry = (self.token, self.stamps, content)
            cache.set(self.page_key, entry, conf.public_cache_seconds())


def _page_key(key, today):
    return f"ppps:public:page:{today:%Y%m%d}:{key}"


def _stamps(key):
    """((pk, updated_at), ...) of the registered cases with lookup key ``key``: one indexed read."""
    global STAMP_SQL
    STAMP_SQL = STAMP_SQL or _stamp_sql()
    with connection.cursor() as cursor:
        cursor.execute(STAMP_SQL, [key])
        return tuple(tuple(row) for row in cursor.fetchall())


def _token(stored):
    return f"{stored or rules_token()}:{release()}"


def cached_page(request, key):
    """The fast path of an anonymous lookup: (allowed, Lookup). Counts the lookup limit and
    reads the rules token and the whole page kept for ``key`` in one cache round trip, then
    the stamps of the matching cases in one indexed read; the page is served only when it was
    kept under the current token for exactly these cases as they are now. Otherwise the
    Lookup carries the results for the view to render (``cached_lookup``)."""
    today = timezone.localdate()
    page_key = _page_key(key, today) if key else None
    allowed, got = ratelimit.allow_and_get(
        request, "cek", conf.lookup_rate(), [RULES_KEY, page_key] if key else []
    )
    if not allowed:
        return False, None
    if not key:
        return True, Lookup([])
    stamps = _stamps(key)
    if not stamps:
        return True, Lookup([])
    token = _token(got.get(RULES_KEY))
    whole = got.get(page_key)
    if whole is not None and whole[0] == token and whole[1] == stamps:
        return True, Lookup([], page=whole[2])
    return True, cached_lookup(key, page=True, stamps=stamps, token=token, today=today)


def cached_lookup(key, *, page=False, stamps=None, token=None, today=None):
    """The public results for lookup key ``key`` (``normalise_register``). With ``page``, the
    Lookup can keep the whole rendered page for the next anonymous reader (``cached_page``).
    ``stamps``, ``token`` and ``today``, when given, are those ``cached_page`` just read."""
    if not key:
        return Lookup([])
    if stamps is None:
        stamps = _stamps(key)
    if not stamps:
        return Lookup([])
    today = today or timezone.localdate()
    keys = [_key(pk, updated_at, today) for pk, updated_at in stamps]
    found = cache.get_many(keys if token else [RULES_KEY, *keys])
    token = token or _token(found.get(RULES_KEY))
    page_key = _page_key(key, today) if page else None
    entries = [found.get(k) for k in keys]
    if all(e is not None and e[0] == token for e in entries):
        results = [{**facts, "html": mark_safe(html)} for _, html, facts in entries]  # noqa: S308
        return Lookup(results, page_key=page_key, token=token, stamps=stamps)
    results, fresh = [], {}
    for pk, updated_at, facts in lookup_rows(key, token):
        html = _render(facts)
        fresh[_key(pk, updated_at, today)] = (token, html, facts)
        results.append({**facts, "html": mark_safe(html)})  # noqa: S308
    cache.set_many(fresh, conf.public_cache_seconds())
    # The page is kept only when the cases read are the ones stamped (no change in between).
    same = set(fresh) == set(keys)
    return Lookup(results, page_key=page_key if same else None, token=token, stamps=stamps)
