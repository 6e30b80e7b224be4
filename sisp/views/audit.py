import csv
import json
from datetime import datetime, time

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .. import audit, audit_labels, spreadsheet
from ..forms import AuditFilterForm
from ..models import AuditEvent


def _filtered(request):
    """The audit events the reader (an office's Administrator or Pengawas Internal) may read:
    their own office's, filtered by the form. A reader without an office reads nothing."""
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.for_office_of(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            events = events.filter(
                Q(actor_username__icontains=data["q"]) | Q(object_repr__icontains=data["q"])
            )
        if data["action"] and "." in data["action"]:  # one action
            events = events.filter(action=data["action"])
        elif data["action"]:  # a module: its actions
            events = events.filter(action__startswith=data["action"] + ".")
        tz = timezone.get_current_timezone()
        if data["date_from"]:
            events = events.filter(
                created_at__gte=datetime.combine(data["date_from"], time.min, tzinfo=tz)
            )
        if data["date_to"]:
            events = events.filter(
                created_at__lte=datetime.combine(data["date_to"], time.max, tzinfo=tz)
            )
    return form, events


@permission_required("sisp.view_auditevent", raise_exception=True)
@require_GET
def audit_list(request):
    form, events = _filtered(request)
    page = Paginator(events, 50).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    return render(
        request,
        "sisp/audit_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


class _Echo:
    def write(self, value):
        return value


@permission_required("sisp.view_auditevent", raise_exception=True)
@require_GET
def audit_export(request):
    form, events = _filtered(request)
    # Search words are not written to the trail: a reader who may read records could search
    # for a classified subject, and the next reader would find it in this entry.
    # Only what was applied: the fields of a valid form (a refused one, e.g. a NUL in the
    # action, filtered nothing and is written as no filter).
    applied = ("action", "date_from", "date_to")
    filters = {k: form.data[k] for k in applied if form.data.get(k)} if form.is_valid() else {}
    if request.GET.get("q"):
        filters["q"] = "(kata pencarian tidak dicatat)"
    audit.record("audit.export", request=request, filters=filters)
    writer = csv.writer(_Echo())
    # Labels and formatted details for people; the codes and the raw detail beside them, so a
    # spreadsheet can still filter on the exact values.
    header = [
        "Waktu (ISO 8601)",
        "Pengguna",
        "Tindakan",
        "Kode tindakan",
        "Objek",
        "Jenis objek (kode)",
        "ID objek",
        "Alamat IP",
        "Rincian",
        "Rincian (data asli, JSON)",
    ]

    def rows():
        yield writer.writerow(header)
        for e in events.iterator(chunk_size=2000):
            # Usernames, object names and details are typed by people: formula-like text
            # is written as text.
            yield writer.writerow(
                spreadsheet.csv_row(
                    [
                        timezone.localtime(e.created_at).isoformat(timespec="seconds"),
                        e.actor_username,
                        e.action_label,
                        e.action,
                        e.object_label,
                        e.object_type,
                        e.object_id,
                        e.ip_address or "",
                        audit_labels.detail_text(e.detail, e.object_type),
                        json.dumps(e.detail, ensure_ascii=False, sort_keys=True),
                    ]
                )
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="jejak-audit.csv"'
    return response
