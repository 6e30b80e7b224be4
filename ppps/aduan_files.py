"""The complaint form loses nothing: attachments of a form that came back with an error are
kept for the next try, and the complainant's personal data is erased in time (UU 27/2022).

Kept files are stored through ``sisp.files`` (private storage, random names, content checked)
and recorded as ``LampiranSementara`` rows under a token held only in the citizen's session, so
no other browser can claim or even list them. ``purge_stale_uploads`` (command
``purge_aduan_uploads``) removes rows and files older than PPPS_ADUAN_UPLOAD_KEEP_MINUTES.
"""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sisp import audit, files
from sisp.forms import row_ids

from . import conf
from .models import Aduan, LampiranSementara

SESSION_KEY = "ppps_aduan_lampiran"
PREFIX = "ppps/aduan/sementara"


def _token(request, create=False):
    token = request.session.get(SESSION_KEY)
    if token is None and create:
        token = request.session[SESSION_KEY] = secrets.token_urlsafe(32)
    return token


def _fresh_since():
    return timezone.now() - timedelta(minutes=conf.aduan_upload_keep_minutes())


def kept_uploads(request):
    """This session's kept attachments that are still within their time, oldest first."""
    token = _token(request)
    if not token:
        return []
    return list(LampiranSementara.objects.filter(token=token, created_at__gte=_fresh_since()))


def lost_uploads(request, ticked, kept):
    """Ticked kept attachments that are no longer there (their time ran out, or the purge
    removed them): (how many, the names still known from this session's own rows). The
    form then asks for them again instead of sending the complaint without them."""
    lost = set(ticked) - {str(k.pk) for k in kept}
    token = _token(request)
    ids = row_ids(lost)  # a tampered value is simply not a known row
    names = (
        list(
            LampiranSementara.objects.filter(token=token, pk__in=ids)
            .order_by("pk")
            .values_list("original_name", flat=True)
        )
        if token and ids
        else []
    )
    return len(lost), names


def keep_uploads(request, uploaded, *, room):
    """Store the acceptable files of a form that came back with an error, at most ``room``.
    Returns (kept rows, refused [(file name, reason)]): the page names both."""
    kept, refused = [], []
    for upload in uploaded:
        if not upload:
            continue
        if len(kept) >= room:
            refused.append((upload.name, "melebihi batas jumlah lampiran"))
            continue
        try:
            stored = files.store(upload, prefix=PREFIX)
        except ValidationError as exc:
            refused.append((upload.name, " ".join(exc.messages)))
            continue
        kept.append(
            LampiranSementara.objects.create(
                token=_token(request, create=True),
                file_name=stored.name,
                original_name=stored.original_name,
                sha256=stored.sha256,
                size=stored.size,
                content_type=stored.content_type,
            )
        )
    return kept, refused


def discard_uploads(rows):
    """Remove kept attachments the citizen unticked (rows and files)."""
    for row in rows:
        files.delete(row.file_name)
        row.delete()


def forget_session(request):
    request.session.pop(SESSION_KEY, None)


def purge_stale_uploads(now=None):
    """Remove kept attachments older than their time, with their files. Returns how many."""
    limit = (now or timezone.now()) - timedelta(minutes=conf.aduan_upload_keep_minutes())
    stale = list(LampiranSementara.objects.filter(created_at__lt=limit))
    discard_uploads(stale)
    return len(stale)


def anonymise_closed_aduan(now=None):
    """Erase name, e-mail and phone of complainants whose complaint was closed (triaged to any
    status but "baru") more than PPPS_ADUAN_PERSONAL_DATA_DAYS ago; each erasure is audited.
    The account of what happened (uraian) and the answer stay: they are the office's record.
    Returns how many complaints were anonymised. Idempotent."""
    limit = (now or timezone.now()) - timedelta(days=conf.aduan_personal_data_days())
    due = Aduan.objects.filter(anonymised_at__isnull=True, triaged_at__lt=limit).exclude(
        status=Aduan.Status.BARU
    )
    done = 0
    for pk in due.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            aduan = Aduan.objects.select_for_update().get(pk=pk)
            had = [name for name in ("nama", "email", "telepon") if getattr(aduan, name)]
            aduan.nama = aduan.email = aduan.telepon = ""
            aduan.anonymised_at = timezone.now()
            aduan.save(update_fields=["nama", "email", "telepon", "anonymised_at"])
            audit.record("ppps.aduan_anonymise", obj=aduan, fields=had)
        done += 1
    return done
