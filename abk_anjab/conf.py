"""The one place ABK & Anjab reads its settings. Every legal number the module uses comes from
here (or from data), never from a literal in a view or template.

Each default is written here once; sisp/settings.py only sets a value the environment gives.
"""

from decimal import Decimal

from django.conf import settings

# Permenpan RB 1/2020: effective working time per year is 1,250 hours (= 75,000 minutes). The
# guide's own derivation (235 days x 5 h 30 min) does not multiply out to it: use the constant.
# Older bases: Perka BKN 19/2011 1,200 h; some guides 1,300 h. It is copied onto each analysis.
DEFAULT_WKE_HOURS = Decimal("1250")
# The text beside the WKE field (model and form) states that number, read from the constant.
WKE_HELP_TEXT = (
    f"Permenpan RB 1/2020: {DEFAULT_WKE_HOURS:,.0f} jam ({DEFAULT_WKE_HOURS * 60:,.0f} menit) "
    "per tahun."
).replace(",", ".")

# How the job total becomes a head count: "half_up" (practice of most guides) or "up".
DEFAULT_ROUNDING = "half_up"

# Periods a task may be counted in, as how many fit in a year. The day/week/month split follows
# community tools (year 1,250 h; day 1/250; week 1/50; month 1/12) and is unconfirmed (?).
DEFAULT_PERIODS_PER_YEAR = {"tahun": 1, "bulan": 12, "minggu": 50, "hari": 250}

# Job performance (prestasi jabatan) grades from job efficiency (EJ), Permendagri 12/2008:
# A > 1.00 sangat baik; B 0.90-1.00 baik; C 0.70-0.89 cukup; D 0.50-0.69 sedang; E < 0.50 kurang.
# (grade, label, operator, bound), checked top-down against EJ rounded to two decimals.
DEFAULT_PJ_THRESHOLDS = [
    ("A", "Sangat baik", ">", "1.00"),
    ("B", "Baik", ">=", "0.90"),
    ("C", "Cukup", ">=", "0.70"),
    ("D", "Sedang", ">=", "0.50"),
    ("E", "Kurang", ">=", "0"),
]


def wke_hours() -> Decimal:
    return Decimal(str(getattr(settings, "ABK_ANJAB_WKE_HOURS", DEFAULT_WKE_HOURS)))


def rounding() -> str:
    return getattr(settings, "ABK_ANJAB_ROUNDING", DEFAULT_ROUNDING)


def periods_per_year() -> dict[str, int]:
    return dict(getattr(settings, "ABK_ANJAB_PERIODS_PER_YEAR", DEFAULT_PERIODS_PER_YEAR))


def pj_thresholds() -> list[tuple[str, str, str, str]]:
    return list(getattr(settings, "ABK_ANJAB_PJ_THRESHOLDS", DEFAULT_PJ_THRESHOLDS))


# Sections of the Anjab form that must hold something before an analysis can be submitted
# (keys of abk_anjab.sections.PAGE_SECTIONS). Peraturan BKN 9/2022 Pasal 3 lists what job
# information contains, but no source found says which parts may stay empty: the choice is
# unconfirmed (?), so it is a setting. The ABK needs its tasks; an Anjab without a summary,
# qualifications, outputs, responsibilities and authority says nothing a verifier can check.
DEFAULT_REQUIRED_SECTIONS = [
    "tugas_pokok",
    "kedudukan",
    "kualifikasi",
    "hasil_kerja",
    "tanggung_jawab",
    "wewenang",
]

# How long a form page may sit open and still have what is posted after its session ended kept
# as a server draft (abk_anjab.drafts): a working day, like SESSION_COOKIE_AGE's default.
DEFAULT_DRAFT_TOKEN_AGE = 8 * 60 * 60


def required_sections() -> list[str]:
    return list(getattr(settings, "ABK_ANJAB_REQUIRED_SECTIONS", DEFAULT_REQUIRED_SECTIONS))


def draft_token_age() -> int:
    return int(getattr(settings, "ABK_ANJAB_DRAFT_TOKEN_AGE", DEFAULT_DRAFT_TOKEN_AGE))
