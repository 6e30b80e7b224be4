"""Every setting Info PPPS reads, with its default. Nothing else in ppps/ reads settings.

Each default is written here once; sisp/settings.py only sets a value the environment gives.
"""

from django.conf import settings

# Register number of a laporan/temuan. Placeholders: seq, jenis (LP/TM), election_code, level
# (Kab/Kota/Prov/RI), office_code, month_roman, year. Bawaslu's own numbering (domain note).
REGISTER_TEMPLATE_DEFAULT = (
    "{seq:03}/Reg/{jenis}/{election_code}/{level}/{office_code}/{month_roman}/{year}"
)
# Register number of a sengketa proses, e.g. 006/PS.REG/BAWASLU/XII/2022.
REGISTER_TEMPLATE_SENGKETA_DEFAULT = "{seq:03}/PS.REG/{office_code}/{month_roman}/{year}"


def register_template() -> str:
    return getattr(settings, "PPPS_REGISTER_TEMPLATE", REGISTER_TEMPLATE_DEFAULT)


def register_template_sengketa() -> str:
    return getattr(settings, "PPPS_REGISTER_TEMPLATE_SENGKETA", REGISTER_TEMPLATE_SENGKETA_DEFAULT)


def public_terlapor() -> str:
    """What the public page shows of the terlapor: "none" or "initials"."""
    return getattr(settings, "PPPS_PUBLIC_TERLAPOR", "initials")


def lookup_rate() -> tuple[int, int]:
    """(requests, seconds): public lookups (/cek/, aduan status) allowed per address."""
    return (
        getattr(settings, "PPPS_LOOKUP_LIMIT", 20),
        getattr(settings, "PPPS_LOOKUP_WINDOW", 600),
    )


def aduan_rate() -> tuple[int, int]:
    """(complaints, seconds): accepted aduan submissions allowed per address."""
    return (
        getattr(settings, "PPPS_ADUAN_LIMIT", 5),
        getattr(settings, "PPPS_ADUAN_WINDOW", 3600),
    )


def near_deadline_days() -> int:
    """A stage is "near" its deadline when this many days (of its day type) or fewer remain."""
    return getattr(settings, "PPPS_NEAR_DEADLINE_DAYS", 2)


def laporan_days_after_known() -> int:
    """The warning shown to complainants: a laporan must be filed within this many days of
    learning of the event (UU 7/2017 Pasal 454(6); UU 1/2015 jo. UU 10/2016 Pasal 134(4))."""
    return getattr(settings, "PPPS_LAPORAN_DAYS", 7)


def aduan_max_attachments() -> int:
    return getattr(settings, "PPPS_ADUAN_MAX_ATTACHMENTS", 3)


def aduan_upload_keep_minutes() -> int:
    """How long an attachment of a complaint form that came back with an error is kept for the
    citizen's next try, before purge_aduan_uploads removes it."""
    return getattr(settings, "PPPS_ADUAN_UPLOAD_KEEP_MINUTES", 60)


def aduan_personal_data_days() -> int:
    """Days after a complaint is closed (triaged to any status but "baru") after which
    anonymise_aduan erases the complainant's name, e-mail and phone. UU 27/2022 (Pelindungan
    Data Pribadi) Pasal 16(2) and 43 (?) require erasure once the purpose is served; the length
    itself is the office's retention decision (?), 365 days until it sets one."""
    return getattr(settings, "PPPS_ADUAN_PERSONAL_DATA_DAYS", 365)


def public_base_url() -> str:
    """Scheme and host of the public site (e.g. "https://sisp.example.go.id") for the status
    link on receipts and in e-mail; empty: taken from the request (staff may use an inner
    address, so set it when the public name differs)."""
    return getattr(settings, "PPPS_PUBLIC_BASE_URL", "").rstrip("/")


def public_cache_seconds() -> int:
    """How long a rendered /cek/ result stays in the shared cache. Correctness does not depend
    on it (an entry is keyed by its case's last change, see ppps/public_cache.py); it only bounds
    the memory of entries nobody asks for again."""
    return getattr(settings, "PPPS_PUBLIC_CACHE_SECONDS", 24 * 60 * 60)
