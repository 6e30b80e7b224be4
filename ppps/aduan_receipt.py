"""What a complainant takes home: the facts of the confirmation page, the receipt PDF with a QR
code to the status page, and the .ics of their own last day to file a formal laporan.

Everything here is built from an allow-list of plain values (``receipt_facts``). The PIN is
never part of it: it is shown once on the confirmation page and nowhere else, not in the PDF,
the QR code, the calendar file or any e-mail. Neither are the complainant's name, address,
phone or the text of the complaint (a printed receipt gets left on tables).

The filing limit is the stage table's (``Tahapan``: the laporan stage counted from "tanggal
diketahui", 7 hari kerja for Pemilu, UU 7/2017 Pasal 454(6); 7 hari for Pilkada, UU 1/2015 jo.
10/2016 Pasal 134(4)), counted by ``ppps.deadlines.deadline`` with holidays and cuti bersama.
"""

import base64
import io
from datetime import date, timedelta
from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from sisp import workdays
from sisp.views.public import public_offices

from . import conf, deadlines, services
from .models import Aduan, Jenis, Pemilihan, Regime
from .public import tanggal_id

SESSION_KEY = "ppps_aduan_tanda_terima"
KEEP_IN_SESSION = 5


def remember(request, aduan):
    """Let this browser session (and only it) download the receipt of ``aduan``."""
    codes = [c for c in request.session.get(SESSION_KEY, []) if c != aduan.kode_tiket]
    request.session[SESSION_KEY] = [*codes, aduan.kode_tiket][-KEEP_IN_SESSION:]


def from_session(request, kode):
    """The complaint ``kode`` when this session submitted it, else None (the view's 404)."""
    if kode not in request.session.get(SESSION_KEY, []):
        return None
    return Aduan.objects.filter(kode_tiket=kode).first()


def status_url(kode, request=None):
    """The absolute address of the status page with the ticket code filled in (no PIN)."""
    path = reverse("ppps_public:aduan_status") + "?" + urlencode({"kode": kode})
    base = conf.public_base_url()
    if base:
        return base + path
    return request.build_absolute_uri(path) if request is not None else path


def filing_limits(office_id):
    """[(regime value, regime label, FilingWindow)]: the reporter's statutory window to file
    a laporan (``ppps.deadlines.FILING_WINDOWS``) for each regime the office has an active
    election for (both regimes when it has none recorded)."""
    regimes = set(
        Pemilihan.objects.filter(office_id=office_id, is_active=True).values_list(
            "regime", flat=True
        )
    ) or set(Regime.values)
    return [
        (r, Regime(r).label, deadlines.FILING_WINDOWS[(r, Jenis.LAPORAN)])
        for r in Regime.values
        if r in regimes and (r, Jenis.LAPORAN) in deadlines.FILING_WINDOWS
    ]


def filing_deadlines(office_id, known_on, *, today=None):
    """[{regime, label, tanggal, iso, days, day_type, basis, past}]: the complainant's own last
    day to file a formal laporan, per regime, counted from ``known_on``. Empty without a date."""
    if known_on is None:
        return []
    today = today or timezone.localdate()
    holidays = services.holidays_for(known_on)
    found = []
    for regime, label, window in filing_limits(office_id):
        last = deadlines.filing_deadline(window, known_on, holidays)
        assert last is not None  # a window and a start date
        found.append(
            {
                "regime": regime,
                "label": label,
                "tanggal": tanggal_id(last),
                "iso": last.isoformat(),
                "days": window.days,
                "day_type": "hari kerja" if window.day_type == workdays.WORKING else "hari",
                "working": window.day_type == workdays.WORKING,
                "basis": window.legal_basis,
                "past": last < today,
            }
        )
    return found


def receipt_facts(item, request=None):
    """The receipt of ``item`` as plain values, picked field by field. No PIN, no personal
    data, no text of the complaint."""
    office = next((o for o in public_offices() if o["pk"] == item.office_id), None)
    received = timezone.localtime(item.created_at)
    answer_on = answer_day(item, office)
    # Counted from when the complainant knew; without it, from the event itself, which is
    # never later, so the day shown is never later than the real one.
    known_on, counted_from = item.tanggal_diketahui, "diketahui"
    if known_on is None and item.tanggal_kejadian is not None:
        known_on, counted_from = item.tanggal_kejadian, "kejadian"
    return {
        "kode_tiket": item.kode_tiket,
        "kantor": office,
        "diterima": tanggal_id(received.date()),
        "diterima_jam": f"{received:%H.%M}",
        "answer_by": tanggal_id(answer_on),
        "tempat": item.tempat,
        "tanggal_kejadian": tanggal_id(item.tanggal_kejadian),
        "tanggal_diketahui": tanggal_id(item.tanggal_diketahui),
        "uraian_panjang": len(item.uraian),
        "lampiran": list(item.lampiran.order_by("pk").values_list("original_name", flat=True)),
        "ada_surel": bool(item.email),
        "status_url": status_url(item.kode_tiket, request),
        "filing": filing_deadlines(item.office_id, known_on),
        "filing_counted_from": counted_from,
        "filing_known_on": tanggal_id(known_on),
        "days": conf.laporan_days_after_known(),
    }


def answer_day(item, office):
    """The day by which ``office`` (a ``public_offices()`` dict) promises to answer ``item``:
    the office's ``aduan_answer_days`` working days after it was received (holidays and cuti
    bersama skipped). None without an office."""
    if not office:
        return None
    received = timezone.localtime(item.created_at).date()
    return workdays.add_days(
        received,
        office["aduan_answer_days"],
        day_type=workdays.WORKING,
        holidays=services.holidays_for(received),
    )


def qr_png_data_uri(text):
    """A QR code of ``text`` as a PNG data URI (error correction M, 4-module quiet zone)."""
    import qrcode

    image = qrcode.make(text, error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def receipt_pdf(facts):
    """The receipt as PDF bytes (WeasyPrint, as the other documents of SISP)."""
    from weasyprint import HTML

    html = render_to_string(
        "ppps/pdf/tanda_terima_aduan.html",
        {**facts, "qr": qr_png_data_uri(facts["status_url"])},
    )
    return HTML(string=html, base_url=None).write_pdf()


def filing_ics(facts, *, now=None):
    """An iCalendar file with one all-day event per regime on the last filing day, with a
    reminder the day before at 08.00. Bytes, or None when no day could be counted."""
    from icalendar import Alarm, Calendar, Event

    if not facts["filing"]:
        return None
    now = now or timezone.now()
    office = facts["kantor"]["name"] if facts["kantor"] else "Bawaslu"
    calendar = Calendar()
    calendar.add("prodid", "-//SISP Bawaslu//Posko Aduan//ID")
    calendar.add("version", "2.0")
    for item in facts["filing"]:
        last = date.fromisoformat(item["iso"])
        event = Event()
        event.add("uid", f"{facts['kode_tiket']}-{item['regime']}@sisp")
        event.add("dtstamp", now)
        event.add("dtstart", last)
        event.add("dtend", last + timedelta(days=1))
        event.add("summary", f"Batas akhir laporan resmi ke {office} ({item['label']})")
        event.add(
            "description",
            f"Hari terakhir untuk menyampaikan laporan resmi dugaan pelanggaran: {item['days']}"
            f" {item['day_type']} sejak tanggal Anda mengetahui kejadian ({item['basis']})."
            f" Kode tiket aduan: {facts['kode_tiket']}. Status aduan: {facts['status_url']}",
        )
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", "Besok hari terakhir menyampaikan laporan resmi ke Bawaslu")
        alarm.add("trigger", timedelta(hours=-16))  # 08.00 the day before the all-day event
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
