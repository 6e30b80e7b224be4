"""The installation's holiday calendar, as the one counter ``sisp.workdays`` needs it.

The calendar is data kept by an app (Info PPPS keeps ``HariLibur``: national holidays and cuti
bersama, edited by the installation manager). An app offers it to the core through a
``holiday_dates(start, end)`` method on its AppConfig returning ``{date: reason}``; the core
never imports the app.
"""

from __future__ import annotations

from datetime import date

from django.apps import apps


def holidays_between(start: date, end: date) -> dict[date, str]:
    """Every non-working day other than weekends from ``start`` to ``end`` (inclusive), with
    its reason ("Cuti bersama: ..."), from every app that keeps a calendar."""
    found: dict[date, str] = {}
    for config in apps.get_app_configs():
        source = getattr(config, "holiday_dates", None)
        if source is not None:
            found.update(source(start, end))
    return found
