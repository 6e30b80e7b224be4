"""What a public page may show of a case (domain note, "What the public may see").

Public views get only the dicts built here, never a model instance with relations to follow,
so a template cannot reach a party or a document by accident. Nothing here reads ``Pihak``.

The lookup is the busiest public page (notice boards print register numbers), so it reads two
indexed single-table queries; the small reference tables (stages, status words, elections,
offices) are held per process for a minute and dropped whenever one of their rows is saved.
"""

import time
from datetime import UTC, date, timedelta

from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from . import conf, deadlines
from .models import (
    CountedFrom,
    HariLibur,
    Jenis,
    JenisPelanggaran,
    Pemilihan,
    Perkara,
    Regime,
    RiwayatPerkara,
    StatusPerkara,
    Tahapan,
    TindakLanjut,
)
from .register import normalise_register

REFERENCE_SECONDS = 60
PUBLIC_FIELDS = [
    "pk",
    "office_id",
    "jenis",
    "pemilihan_id",
    "nomor_register",
    "tanggal_diterima",
    "tanggal_registrasi",
    "tahapan_id",
    "batas_waktu",
    "batas_waktu_pada",
    "tahap_mulai",
    "tahap_mulai_pada",
    "tahap_diperpanjang",
    "status_id",
    "tindak_lanjut",
    "tindak_lanjut_keterangan",
    "ringkasan_publik",
    "jenis_pelanggaran",
    "kajian_final",
    "terlapor_inisial",
    "updated_at",
]
JENIS = dict(Jenis.choices)
REGIME = dict(Regime.choices)
TINDAK_LANJUT = dict(TindakLanjut.choices)
PELANGGARAN = dict(JenisPelanggaran.choices)
KIND = dict(RiwayatPerkara.Kind.choices)
BULAN = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip


def tanggal_id(value, with_time=False):
    """ "7 Oktober 2024" (and " 14.05" in local time): formatted here, not with the |date
    filter, because the lookup page formats many dates and is the busiest public page."""
    if value is None:
        return ""
    if with_time:
        value = timezone.localtime(value)
        return f"{value.day} {BULAN[value.month - 1]} {value.year} {value:%H.%M}"
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


_reference = {"loaded_at": None}


def _load_reference():
    from sisp.models import Office

    return {
        "loaded_at": time.monotonic(),
        "tahapan": {
            pk: (name, public)
            for pk, name, public in Tahapan.objects.values_list("pk", "name", "is_public")
        },
        "next": _next_stages(),
        "status": {
            pk: (name, final)
            for pk, name, final in StatusPerkara.objects.values_list("pk", "name", "is_final")
        },
        "pemilihan": {
            pk: (name, regime)
            for pk, name, regime in Pemilihan.objects.values_list("pk", "name", "regime")
        },
        "office": dict(Office.objects.values_list("pk", "name")),
        # How each stage's deadline is counted, and the holidays, for "cara menghitung".
        "clock": {
            pk: (days, day_type, counted_from, ext, basis)
            for pk, days, day_type, counted_from, ext, basis in Tahapan.objects.values_list(
                "pk", "days", "day_type", "counted_from", "extension_days", "legal_basis"
            )
        },
        "holidays": HariLibur.objects.labels(),
    }


def _next_stages():
    """{stage pk: (name, is_public) of the active stage that follows it}, per regime and kind."""
    rows = Tahapan.objects.filter(is_active=True).order_by("regime", "jenis", "order", "pk")
    found, previous = {}, None
    for row in rows.values("pk", "regime", "jenis", "name", "is_public"):
        if previous is not None and (previous["regime"], previous["jenis"]) == (
            row["regime"],
            row["jenis"],
        ):
            found[previous["pk"]] = (row["name"], row["is_public"])
        previous = row
    return found


def reference(token=None, **needed):
    """The reference maps, reloaded after REFERENCE_SECONDS, when a needed key is missing, or
    when the shared rules token (``ppps.public_cache.rules_token``) is not the one they were
    loaded under: a stage renamed through another app server shows here at once."""
    global _reference
    ref = _reference
    stale = ref["loaded_at"] is None or time.monotonic() - ref["loaded_at"] > REFERENCE_SECONDS
    stale = stale or (token is not None and ref.get("token") != token)
    if not stale:
        stale = any(key is not None and key not in ref[name] for name, key in needed.items())
    if stale:
        ref = _reference = {**_load_reference(), "token": token}
    return ref


def forget_reference(**kwargs):
    _reference["loaded_at"] = None


for _model in (Tahapan, StatusPerkara, Pemilihan, HariLibur, "sisp.Office"):
    post_save.connect(forget_reference, sender=_model, dispatch_uid=f"ppps-public-{_model}")
    post_delete.connect(forget_reference, sender=_model, dispatch_uid=f"ppps-public-del-{_model}")


def _facts(row, events, token=None):
    ref = reference(
        token,
        tahapan=row["tahapan_id"],
        status=row["status_id"],
        pemilihan=row["pemilihan_id"],
        office=row["office_id"],
    )
    stage_name, stage_public = ref["tahapan"][row["tahapan_id"]]
    status_name, final = ref["status"].get(row["status_id"], ("", False))
    election, regime = ref["pemilihan"][row["pemilihan_id"]]
    timeline, reason, moved = [], None, ""
    for tanggal, kind, tahapan_id, status_id, catatan in events:
        if kind == RiwayatPerkara.Kind.PELIMPAHAN:
            moved = catatan  # the office's own words: where the case went, and when
        name, public = ref["tahapan"].get(tahapan_id, (None, tahapan_id is None))
        if not public and kind in STAGE_KINDS:
            continue  # a move into, or an extension of, a stage that is not announced
        if not public and kind not in SYSTEM_KINDS:
            catatan = ""  # an officer's words written during a stage that is not announced
        if catatan and kind not in SYSTEM_KINDS and tahapan_id == row["tahapan_id"]:
            reason = (tanggal_id(tanggal), catatan)  # the office's last public word on it
        peristiwa = _event_words(
            KIND.get(kind, kind),
            name if public and name else "",
            ref["status"].get(status_id, ("", False))[0],
        )
        if kind in SYSTEM_KINDS and _only_repeats(catatan, peristiwa):
            catatan = ""  # "Diterima: Penerimaan laporan", not again "Laporan diterima."
        timeline.append(
            {
                "tanggal": tanggal_id(tanggal),
                "iso": tanggal.isoformat(),
                "peristiwa": peristiwa,
                "catatan": catatan,
            }
        )
    violation = ""
    if row["kajian_final"] and row["jenis_pelanggaran"]:
        violation = PELANGGARAN.get(row["jenis_pelanggaran"], "")
    shown_deadline = row["batas_waktu"] if stage_public and not final else None
    return {
        "cara_hitung": _explained(row, ref) if shown_deadline else None,
        # The result's HTML id: unique on the page (one number per office), same in the cache.
        "anchor": row["office_id"],
        "nomor_register": row["nomor_register"],
        # Segments of the number: the page lets it wrap after a slash, never inside a code.
        "nomor_segments": row["nomor_register"].split("/"),
        # Where the case is now, after a pelimpahan or pengambilalihan (ppps/transfers.py).
        "dilimpahkan": moved,
        "sekarang": ([moved] if moved else [])
        + _plain_status(
            stage_name if stage_public else "",
            status_name if final else "",
            shown_deadline,
            ref["next"].get(row["tahapan_id"]) if not final else None,
            reason=reason if stage_public else None,
        ),
        "terlambat": bool(shown_deadline and shown_deadline < timezone.localdate()),
        "jenis": JENIS.get(row["jenis"], row["jenis"]),
        "pemilihan": election,
        "regime": REGIME.get(regime, regime),
        "kantor": ref["office"].get(row["office_id"], ""),
        "tanggal_diterima": tanggal_id(row["tanggal_diterima"]),
        "tanggal_registrasi": tanggal_id(row["tanggal_registrasi"]),
        # A non-public stage (e.g. klarifikasi) shows as "in handling", without its deadline.
        "tahapan": stage_name if stage_public else "Dalam penanganan",
        "batas_waktu": tanggal_id(row["batas_waktu"]) if stage_public and not final else "",
        "status": status_name,
        "tindak_lanjut": TINDAK_LANJUT.get(row["tindak_lanjut"], "")
        if row["tindak_lanjut"]
        else "",
        "tindak_lanjut_keterangan": row["tindak_lanjut_keterangan"],
        "jenis_pelanggaran": violation,
        "terlapor": row["terlapor_inisial"] if conf.public_terlapor() == "initials" else "",
        "ringkasan": row["ringkasan_publik"],
        "terakhir_diperbarui": tanggal_id(row["updated_at"], with_time=True),
        "timeline": timeline,
    }


# Start dates a public page may name: receipt, registration and the stage's own start are on
# the public timeline; the dates of the event or of knowing it are not (domain note).
PUBLIC_STARTS = {
    CountedFrom.DITERIMA: "tanggal diterima",
    CountedFrom.REGISTRASI: "tanggal registrasi",
    CountedFrom.MULAI_TAHAP: "tanggal tahap ini dimulai",
}


def _explained(row, ref):
    """How the shown deadline was counted (plain values, ``ppps.deadlines.describe``)."""
    days, day_type, counted_from, ext, basis = ref["clock"][row["tahapan_id"]]
    if counted_from not in PUBLIC_STARTS:
        return None
    start = {
        CountedFrom.DITERIMA: row["tanggal_diterima"],
        CountedFrom.REGISTRASI: row["tanggal_registrasi"],
        CountedFrom.MULAI_TAHAP: row["tahap_mulai"],
    }[counted_from]
    return deadlines.describe(
        deadlines.explain(
            start,
            days,
            day_type=day_type,
            holidays=ref["holidays"],
            extension_days=ext if row["tahap_diperpanjang"] else 0,
            counted_from=PUBLIC_STARTS[counted_from],
            legal_basis=basis,
            start_moment=row["tahap_mulai_pada"],
        )
    )


def _similar(a, b):
    a, b = a.casefold(), b.casefold()
    return a in b or b in a


def _words(text):
    return {w.casefold() for w in text.replace(":", " ").replace("·", " ").split()}


def _only_repeats(catatan, peristiwa):
    """True when the system's note says nothing the event's line does not already say
    ("Laporan diterima." under "Diterima: Penerimaan laporan"); a note with a new fact, such
    as the register number, is kept."""
    said = {w.strip(".,;") for w in _words(peristiwa)}
    return bool(catatan) and {w.strip(".,;") for w in _words(catatan)} <= said


def _event_words(peristiwa, tahapan, status):
    """ "Pindah tahapan: Kajian · Dalam kajian", without saying a word twice: a registration
    reads "Registrasi", not "Registrasi: Registrasi · Diregistrasi"."""
    text, said = peristiwa, [peristiwa]
    if tahapan and not any(_similar(tahapan, w) for w in said):
        text, said = f"{text}: {tahapan}", [*said, tahapan]
    if status and not any(_similar(status, w) for w in said):
        text = f"{text} · {status}"
    return text


def _plain_status(stage, final_status, deadline, following, today=None, reason=None):
    """What the case is doing now, in sentences a citizen reads without knowing the law:
    the stage, by when it must finish (or since when it is overdue), the office's last public
    word on this stage (``reason``: (date, note), e.g. why it was extended), and what comes
    next. A non-public stage is named only as "sedang ditangani", without its deadline."""
    if final_status:
        return [f"Penanganan perkara ini sudah selesai: {final_status}."]
    today = today or timezone.localdate()
    if not stage:
        sentences = ["Perkara ini sedang ditangani oleh kantor pada tahap yang tidak diumumkan."]
    else:
        sentences = [f"Perkara ini sekarang pada tahap {stage}."]
        if deadline is None:
            sentences.append("Tahap ini tidak memiliki batas waktu.")
        elif deadline < today:
            sentences.append(
                f"Tahap ini melewati batas waktu sejak {tanggal_id(deadline + timedelta(days=1))}"
                f" (batas waktunya {tanggal_id(deadline)}) dan belum dinyatakan selesai."
            )
        elif deadline == today:
            sentences.append(f"Tahap ini harus selesai hari ini, {tanggal_id(deadline)}.")
        else:
            left = (deadline - today).days
            sentences.append(
                f"Tahap ini harus selesai paling lambat {tanggal_id(deadline)} ({left} hari lagi)."
            )
        if reason:
            sentences.append(f"Keterangan terakhir dari kantor ({reason[0]}): {reason[1]}")
    if following is None:
        sentences.append("Setelah tahap ini, kantor mengumumkan hasil penanganannya.")
    elif following[1]:
        sentences.append(f"Tahap berikutnya: {following[0]}.")
    else:
        sentences.append("Tahap berikutnya ditangani kantor tanpa diumumkan.")
    return sentences


def _events(perkara_ids):
    found = {pk: [] for pk in perkara_ids}
    rows = (
        RiwayatPerkara.objects.filter(perkara_id__in=perkara_ids, is_public=True)
        .order_by("tanggal", "id")
        .values_list("perkara_id", "tanggal", "kind", "tahapan_id", "status_id", "catatan")
    )
    for perkara_id, *event in rows:
        found[perkara_id].append(event)
    return found


# Events on a stage that is not public: a stage move or extension is left out entirely, other
# officers' notes lose their words; the office's own generated texts (a status word, the
# register number) are public facts of the case and stay.
STAGE_KINDS = frozenset({RiwayatPerkara.Kind.TAHAP, RiwayatPerkara.Kind.PERPANJANGAN})
SYSTEM_KINDS = frozenset(
    {
        RiwayatPerkara.Kind.DITERIMA,
        RiwayatPerkara.Kind.REGISTRASI,
        RiwayatPerkara.Kind.STATUS,
        RiwayatPerkara.Kind.PELIMPAHAN,
    }
)


EVENT_FIELDS = ["tanggal", "kind", "tahapan_id", "status_id", "catatan"]


def _lookup_sql():
    """One round trip for the case and its public history. Written as SQL because the ORM's
    per-query overhead was most of the page's cost under load (benchmarks/ppps_cek.py); the
    names come from the models, so a renamed field breaks the tests, not production."""
    p, r = Perkara._meta, RiwayatPerkara._meta
    case_cols = ", ".join(
        f"p.{p.get_field('id' if f == 'pk' else f).column}" for f in PUBLIC_FIELDS
    )
    event_cols = ", ".join(f"r.{r.get_field(f).column}" for f in EVENT_FIELDS)
    return (
        # Only model metadata is interpolated; the typed number is a query parameter.
        f"SELECT {case_cols}, r.{r.pk.column} AS event_id, {event_cols} "  # noqa: S608
        f"FROM {p.db_table} p LEFT JOIN {r.db_table} r "
        f"ON r.{r.get_field('perkara').column} = p.{p.pk.column} AND r.{r.get_field('is_public').column} = %s "
        f"WHERE p.{p.get_field('nomor_kunci').column} = %s AND p.{p.get_field('nomor_register').column} <> '' "
        f"ORDER BY p.{p.pk.column}, r.{r.get_field('tanggal').column}, r.{r.pk.column}"
    )


LOOKUP_SQL = None


def _aware(value):
    # SQLite hands raw datetimes back naive (in UTC); Postgres hands them back aware.
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value, UTC)
    return value


def _date(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def find_public(text, token=None):
    """Public facts of the registered cases matching a typed register number (normally one)."""
    return [facts for _, _, facts in lookup_rows(normalise_register(text), token)]


def lookup_rows(key, token=None):
    """[(pk, updated_at, public facts)] of the registered cases with lookup key ``key``; the
    pk and stamp are for the cache key only (``ppps.public_cache``), never for a template."""
    global LOOKUP_SQL
    if not key:
        return []
    LOOKUP_SQL = LOOKUP_SQL or _lookup_sql()
    with connection.cursor() as cursor:
        cursor.execute(LOOKUP_SQL, [True, key])
        rows = cursor.fetchall()
    n = len(PUBLIC_FIELDS)
    cases, events = {}, {}
    for row in rows[:200]:
        pk = row[0]
        if pk not in cases:
            case = dict(zip(PUBLIC_FIELDS, row[:n], strict=True))
            case["kajian_final"] = bool(case["kajian_final"])
            case["updated_at"] = _aware(case["updated_at"])
            for name in ("tanggal_diterima", "tanggal_registrasi", "batas_waktu"):
                case[name] = _date(case[name])
            cases[pk] = case
            events[pk] = []
        if row[n] is not None:
            tanggal, *rest = row[n + 1 :]
            events[pk].append([_date(tanggal), *rest])
    return [
        (pk, case["updated_at"], _facts(case, events[pk], token))
        for pk, case in list(cases.items())[:5]
    ]


def public_facts(perkara, token=None):
    """Public facts of one case already loaded (the reporter's PIN page)."""
    row = {name: getattr(perkara, name) for name in PUBLIC_FIELDS}
    return _facts(row, _events([perkara.pk])[perkara.pk], token)
