"""Settings of SISP's core read by more than one app, each with its one default.

Each default is written here once; ``sisp/settings.py`` only sets a value the environment
gives, and the functions below fall back on the default when the setting is absent.
"""

from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from .office_hours import OfficeHours

# Office hours: when mail from SISP may go out (``sisp.office_hours``). Government offices work
# Monday to Friday (days 0 = Monday); the hours of a Bawaslu secretariat are set by its own
# decision (?), so 08:00–16:00 is a placeholder the office corrects. Holidays are closed.
OFFICE_DAYS_DEFAULT = (0, 1, 2, 3, 4)
OFFICE_OPENS_DEFAULT = "08:00"
OFFICE_CLOSES_DEFAULT = "16:00"
# The zone office hours are read in: WIB unless the installation serves WITA/WIT.
OFFICE_TIME_ZONE_DEFAULT = "Asia/Jakarta"

# The daily "Menunggu Anda" e-mail (``sisp.digest``); each user may still turn theirs off.
DIGEST_ENABLED_DEFAULT = True
# Scheme and host staff open SISP at (e.g. "https://sisp.bawaslu-kota.go.id"), for the links
# in the digest, which has no request to take them from. Empty: the links are bare paths.
BASE_URL_DEFAULT = ""


def office_hours() -> "OfficeHours":
    """The office hours as ``sisp.office_hours.OfficeHours`` in ``office_time_zone()``."""
    from .office_hours import parse_hours

    value = {
        "days": getattr(settings, "SISP_OFFICE_DAYS", OFFICE_DAYS_DEFAULT),
        "opens": getattr(settings, "SISP_OFFICE_OPENS", OFFICE_OPENS_DEFAULT),
        "closes": getattr(settings, "SISP_OFFICE_CLOSES", OFFICE_CLOSES_DEFAULT),
    }
    return parse_hours(value, office_time_zone())


def office_time_zone() -> str:
    return getattr(settings, "SISP_OFFICE_TIME_ZONE", OFFICE_TIME_ZONE_DEFAULT)


def digest_enabled() -> bool:
    return getattr(settings, "SISP_DIGEST_ENABLED", DIGEST_ENABLED_DEFAULT)


def base_url() -> str:
    return getattr(settings, "SISP_BASE_URL", BASE_URL_DEFAULT).rstrip("/")
