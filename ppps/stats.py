"""Aggregates for /statistik/: counts only, never a row."""

from datetime import date

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth

from .models import Jenis, Perkara, RiwayatPerkara
from .public import BULAN


def _months_back(today, n):
    year, month = today.year, today.month
    out = []
    for _ in range(n):
        out.append(date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(out))


def counts(queryset, today):
    jenis_labels = dict(Jenis.choices)
    by_jenis = [
        (jenis_labels.get(row["jenis"], row["jenis"]), row["n"])
        for row in queryset.values("jenis").annotate(n=Count("id")).order_by("jenis")
    ]
    by_stage = {}
    for row in queryset.values("tahapan__name", "tahapan__is_public").annotate(n=Count("id")):
        name = row["tahapan__name"] if row["tahapan__is_public"] else "Dalam penanganan"
        by_stage[name] = by_stage.get(name, 0) + row["n"]
    by_status = [
        (row["status__name"] or "Tanpa status", row["n"])
        for row in queryset.values("status__name").annotate(n=Count("id")).order_by("-n")
    ]
    months = _months_back(today, 12)
    raw = {
        (row["m"].date() if hasattr(row["m"], "date") else row["m"]): row["n"]
        for row in queryset.filter(tanggal_diterima__gte=months[0])
        .annotate(m=TruncMonth("tanggal_diterima"))
        .values("m")
        .annotate(n=Count("id"))
    }
    # "Januari 2026", not "Jan 26": a citizen reads that as the 26th of January.
    by_month = [(f"{BULAN[m.month - 1]} {m.year}", raw.get(m, 0)) for m in months]
    return {
        "total": sum(n for _, n in by_jenis),
        "by_jenis": by_jenis,
        "by_stage": sorted(by_stage.items(), key=lambda kv: -kv[1]),
        "by_status": by_status,
        "by_month": by_month,
    }


def _num(value):
    """A number for an SVG/HTML attribute: always a dot, never a thousands separator.

    Written as a string here because the template would localise a float for Indonesian
    ("164,0"), which SVG reads as no number at all and draws every bar 0 high."""
    return f"{round(value, 1):g}"


def bar_chart(series, *, width=640, height=220, pad=28, foot=None):
    """Geometry of a vertical bar chart for an inline SVG (no JavaScript). Every coordinate
    is a ready string (``_num``) so no template filter can localise it. ``series`` is
    [(label, n)]; a label "Januari 2026" is written under its bar as "Jan", with the year
    under the first bar and under each January (month and year side by side do not fit a
    phone's width). ``foot`` is the room below the bars for those labels (default ``pad``)."""
    foot = pad if foot is None else foot
    top = max((n for _, n in series), default=0) or 1
    slot = (width - 2 * pad) / max(len(series), 1)
    base = height - foot
    bars = []
    for i, (label, n) in enumerate(series):
        h = (base - pad) * n / top
        x = pad + i * slot + slot * 0.15
        month, _, year = label.partition(" ")
        bars.append(
            {
                "label": label,
                "month": month[:3],
                "year": year if i == 0 or month == BULAN[0] else "",
                "n": n,
                "x": _num(x),
                "y": _num(base - h),
                "w": _num(slot * 0.7),
                "h": _num(h),
                "cx": _num(x + slot * 0.35),
                "value_y": _num(base - h - 6),
            }
        )
    return {
        "bars": bars,
        "width": _num(width),
        "height": _num(height),
        "base": _num(base),
        "label_y": _num(base + 20),
        "year_y": _num(base + 42),
    }


def public_queryset(office_id=None):
    """Registered cases only, the same set /cek/ can find: a case received but not registered
    yet must not show up as a change in the public totals."""
    qs = Perkara.objects.registered()
    return qs.filter(office_id=office_id) if office_id else qs


def on_time_by_office(offices, office_id=None):
    """Per office (plain dicts from ``sisp.views.public.public_offices``): how many stages
    of registered cases were finished by a stage move, how many of them by their deadline
    (the move's date on or before ``batas_tahap_lalu``; the deadline day itself is on time,
    as in ``ppps.deadlines.state``), and that share in whole percent. Stages without a
    deadline are not counted. Offices with nothing finished yet are left out."""
    rows = (
        RiwayatPerkara.objects.filter(
            kind=RiwayatPerkara.Kind.TAHAP,
            batas_tahap_lalu__isnull=False,
            perkara__in=public_queryset(office_id),
        )
        .values("office_id")
        .annotate(
            selesai=Count("id"), tepat=Count("id", filter=Q(tanggal__lte=F("batas_tahap_lalu")))
        )
    )
    found = {row["office_id"]: row for row in rows}
    out = []
    for office in offices:
        row = found.get(office["pk"])
        if row:
            out.append(
                {
                    "kantor": office["name"],
                    "selesai": row["selesai"],
                    "tepat": row["tepat"],
                    "persen": round(100 * row["tepat"] / row["selesai"]),
                }
            )
    return out
