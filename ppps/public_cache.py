"""The rendered public result of a case, kept in the shared cache (Redis in production, so
every app server sees the same entries), so that an anonymous /cek/ hit costs one cache round
trip and no database read.

A stale status is impossible by construction, not by remembering to delete entries: the key
and the stored value carry everything the result depends on,

- the lookup key's version (``ppps:public:ver:<nomor_kunci>``, a new random value, never a
  counter): renewed by every ORM write that can change which cases a register number finds or
  what they show, before and again after its commit (``cases_changed``): a save or delete of a
  case (its old and new number), ``Perkara.objects...update()``, ``bulk_create()`` and
  ``bulk_update()`` (``PerkaraQuerySet``), and a saved, deleted or bulk-created history event.
  A whole page is served only under the version it was built under; a lost version (evicted,
  expired, Redis restarted) is a new one, so every page built before is stale. Raw SQL and
  COPY bypass this: after them call ``_new_rules_token()`` (the load test does, and every
  ``migrate`` does: post_migrate below);
- each case's fragment (the slow path, for a page not kept yet or a signed-in reader) is
  keyed by the case's ``updated_at`` (bumped by every save of the case and, through the
  signal below, by every saved or deleted history event) and used only under the same
  version as the page;
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

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from sisp import ratelimit

from . import conf
from .models import HariLibur, Pemilihan, Perkara, RiwayatPerkara, StatusPerkara, Tahapan
from .public import _aware, forget_reference, lookup_rows

RULES_KEY = "ppps:public:rules"
VERSION_KEY = "ppps:public:ver:{}"
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
    """Digest of what a cached page is made of besides data, read once per process: the public
    page templates, the static manifest (hashed file names) and the Python code of Info PPPS and
    of SISP's shared helpers (the status words, clocks, number and date formats). A deploy that
    changes any of them never serves a page kept by the code before it."""
    digest = hashlib.sha256()
    folders = [Path(d) for t in settings.TEMPLATES for d in t.get("DIRS", [])]
    files = [f for d in folders for f in sorted(d.glob("base.html"))]
    files += [f for d in folders for f in sorted((d / "ppps" / "public").glob("*.html"))]
    for app in ("ppps", "sisp"):
        code = Path(apps.get_app_config(app).path)
        files += [f for f in sorted(code.rglob("*.py")) if "migrations" not in f.parts]
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


def _new_versions(keys):
    cache.set_many(
        {VERSION_KEY.format(k): uuid.uuid4().hex for k in keys}, conf.public_cache_seconds()
    )


def cases_changed(keys):
    """The registered cases with these lookup keys (``nomor_kunci``) changed, or a case came
    to or left one of these keys: every page kept for them is stale. A new version at once
    and again after commit, as in ``rules_changed``: a reader between the two may have read
    the rows as they were before the commit under the first new version."""
    keys = sorted({k for k in keys if k})
    if keys:
        _new_versions(keys)
        transaction.on_commit(lambda: _new_versions(keys))


def _old_key(instance, **kwargs):
    """Before a case is saved: the lookup key it is stored under now (its number may change)."""
    if instance.pk is not None and not kwargs.get("raw"):
        stored = Perkara._base_manager.filter(pk=instance.pk).values_list("nomor_kunci")
        instance._ppps_stored_key = next(iter(stored), ("",))[0]


def case_saved(instance, **kwargs):
    cases_changed([getattr(instance, "_ppps_stored_key", ""), instance.nomor_kunci])


def case_deleted(instance, **kwargs):
    cases_changed([instance.nomor_kunci])


def case_event_changed(instance, **kwargs):
    """A history event was saved or deleted: its case's public result changed (the update
    renews the case's version too: ``PerkaraQuerySet.update``)."""
    Perkara.objects.filter(pk=instance.perkara_id).update(updated_at=timezone.now())


def keys_of(perkara_ids):
    """The lookup keys of these cases as stored now."""
    rows = Perkara._base_manager.filter(pk__in=list(perkara_ids)).values_list("nomor_kunci")
    return [key for (key,) in rows]


def migrated(**kwargs):
    """A migration may have rewritten cases with its own models, past the signals."""
    _new_rules_token()


for _model in (Tahapan, StatusPerkara, Pemilihan, HariLibur, "sisp.Office"):
    post_save.connect(rules_changed, sender=_model, dispatch_uid=f"ppps-cache-{_model}")
    post_delete.connect(rules_changed, sender=_model, dispatch_uid=f"ppps-cache-del-{_model}")
post_save.connect(case_event_changed, sender=RiwayatPerkara, dispatch_uid="ppps-cache-event")
post_delete.connect(case_event_changed, sender=RiwayatPerkara, dispatch_uid="ppps-cache-del-ev")
pre_save.connect(_old_key, sender=Perkara, dispatch_uid="ppps-cache-case-key")
post_save.connect(case_saved, sender=Perkara, dispatch_uid="ppps-cache-case")
post_delete.connect(case_deleted, sender=Perkara, dispatch_uid="ppps-cache-del-case")
post_migrate.connect(migrated, dispatch_uid="ppps-cache-migrated")


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
    return f"ppps:public:fragment:{pk}:{_aware(updated_at).timestamp():.6f}:{today:%Y%m%d}"


def _render(facts):
    return render_to_string(FRAGMENT, {"f": facts})


class Lookup:
    """What ``cached_lookup`` found: the results (facts dicts, each with its fragment under
    "html"), and the whole page when it was cached for these cases as they are now."""

    def __init__(self, results, page=None, page_key=None, token=None, version=None):
        self.results, self.page, self.page_key = results, page, page_key
        self.token, self.version = token, version

    def store_page(self, content):
        """Keep the rendered page (body and headers) for the next anonymous reader of the
        same number (``ppps.middleware.CachedLookupMiddleware``), with the rules token and the
        lookup key's version it was built under: ``cached_page`` serves it only while both
        still hold."""
        if self.page_key and self.version:
            entry = (self.token, self.version, content)
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


def _version(key):
    """The lookup key's current version (a new one if the cache has none)."""
    name = VERSION_KEY.format(key)
    cache.add(name, uuid.uuid4().hex, conf.public_cache_seconds())
    return cache.get(name)


def cached_page(request, key):
    """The fast path of an anonymous lookup: (allowed, Lookup). Counts the lookup limit and
    reads the rules token, the lookup key's version and the whole page kept for ``key`` in one
    cache round trip, and nothing else: the page is served only when it was kept under the
    current token and version. Otherwise the Lookup carries the results for the view to
    render (``cached_lookup``), read after the version, so that a page built from rows older
    than a change is kept under a version that change has already replaced."""
    today = timezone.localdate()
    page_key = _page_key(key, today) if key else None
    version_key = VERSION_KEY.format(key)
    allowed, got = ratelimit.allow_and_get(
        request, "cek", conf.lookup_rate(), [RULES_KEY, page_key, version_key] if key else []
    )
    if not allowed:
        return False, None
    if not key:
        return True, Lookup([])
    token = _token(got.get(RULES_KEY))
    version = got.get(version_key)
    whole = got.get(page_key)
    if version is not None and whole is not None and whole[:2] == (token, version):
        return True, Lookup([], page=whole[2])
    version = version or _version(key)
    return True, cached_lookup(key, page=True, token=token, today=today, version=version)


def cached_lookup(key, *, page=False, token=None, today=None, version=None):
    """The public results for lookup key ``key`` (``normalise_register``). With ``page``, the
    Lookup can keep the whole rendered page for the next anonymous reader (``cached_page``).
    ``token``, ``today`` and ``version``, when given, are those ``cached_page`` just read. A
    case's kept fragment is used only under the current token and version, read before the
    rows, like the whole page."""
    if not key:
        return Lookup([])
    stamps = _stamps(key)
    if not stamps:
        return Lookup([])
    today = today or timezone.localdate()
    version_key = VERSION_KEY.format(key)
    keys = [_key(pk, updated_at, today) for pk, updated_at in stamps]
    wanted = keys + ([] if token else [RULES_KEY]) + ([] if version else [version_key])
    found = cache.get_many(wanted)
    token = token or _token(found.get(RULES_KEY))
    version = version or found.get(version_key) or _version(key)
    page_key = _page_key(key, today) if page else None
    entries = [found.get(k) for k in keys]
    if all(e is not None and e[:2] == (token, version) for e in entries):
        results = [{**facts, "html": mark_safe(html)} for _, _, html, facts in entries]  # noqa: S308
        return Lookup(results, page_key=page_key, token=token, version=version)
    results, fresh = [], {}
    for pk, updated_at, facts in lookup_rows(key, token):
        html = _render(facts)
        fresh[_key(pk, updated_at, today)] = (token, version, html, facts)
        results.append({**facts, "html": mark_safe(html)})  # noqa: S308
    cache.set_many(fresh, conf.public_cache_seconds())
    # The page is kept only when the cases read are the ones stamped (no change in between).
    same = set(fresh) == set(keys)
    return Lookup(results, page_key=page_key if same else None, token=token, version=version)
