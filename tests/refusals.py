"""What a refusal looks like, and that it changes nothing.

``refused(response)`` / ``not_found(response)`` check the status and the Indonesian error page
(templates/403.html, 404.html), so a test sees the refusal a user sees, not just a number.
``nothing_changes`` reloads the rows after the refused request and compares:

    with nothing_changes(link, Favorite):
        assert client.post(url).status_code == 404

Each model instance is re-read from the database (``refresh_from_db``) and its stored values
compared with those before the block; each model (of an instance, or a model class given
directly) keeps its number of rows; and no audit entry is written (a sign-in inside the block,
``auth.login`` of ``force_login``, aside), unless ``audit=False`` (refusals that are themselves
audited, such as a failed sign-in).
"""

from contextlib import contextmanager

from django.db import models

from sisp.models import AuditEvent


def _stored(obj):
    return type(obj)._base_manager.filter(pk=obj.pk).values().get()


@contextmanager
def nothing_changes(*things, audit=True):
    rows = [t for t in things if isinstance(t, models.Model)]
    classes = {type(t) for t in rows} | {
        t for t in things if isinstance(t, type) and issubclass(t, models.Model)
    }
    before_rows = [_stored(obj) for obj in rows]
    before_counts = {model: model._base_manager.count() for model in classes}
    before_events = list(AuditEvent.objects.values_list("pk", flat=True))
    yield
    for obj, before in zip(rows, before_rows, strict=True):
        obj.refresh_from_db()  # raises DoesNotExist when the row was deleted
        after = _stored(obj)
        changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
        assert not changed, f"{obj._meta.label} #{obj.pk} changed: {changed}"
    after_counts = {model: model._base_manager.count() for model in classes}
    assert after_counts == before_counts, f"rows added or removed: {before_counts} → {after_counts}"
    if audit:
        new = (
            AuditEvent.objects.exclude(pk__in=before_events)
            .exclude(action="auth.login")
            .values_list("action", flat=True)
        )
        assert not list(new), f"audit entries written: {list(new)}"


def refused(response):
    """A 403 answered with the "Akses ditolak" page. Returns the page's text."""
    assert response.status_code == 403, response.status_code
    text = response.content.decode()
    assert "Akses ditolak" in text, text[:500]
    return text


def not_found(response):
    """A 404 answered with the "Halaman tidak ditemukan" page. Returns the page's text."""
    assert response.status_code == 404, response.status_code
    text = response.content.decode()
    assert "Halaman tidak ditemukan" in text, text[:500]
    return text
