"""The installation's holiday calendar as the core reads it (sisp/holiday_calendar.py): every
app's calendar, both ends of the range included, each day with the reason a count names."""

from datetime import date

import pytest

from ppps.models import HariLibur
from sisp.holiday_calendar import holidays_between

pytestmark = pytest.mark.django_db


def test_the_calendar_gives_each_holiday_in_the_range_with_its_reason():
    HariLibur.objects.filter(date__year=2099).delete()
    HariLibur.objects.create(date=date(2099, 3, 2), name="Hari uji", kind="nasional")
    HariLibur.objects.create(
        date=date(2099, 3, 5), name="Cuti uji", kind=HariLibur.Kind.CUTI_BERSAMA
    )
    HariLibur.objects.create(date=date(2099, 3, 9), name="Sesudahnya", kind="nasional")
    HariLibur.objects.create(date=date(2099, 3, 1), name="Sebelumnya", kind="nasional")

    assert holidays_between(date(2099, 3, 2), date(2099, 3, 5)) == {
        date(2099, 3, 2): "Libur nasional: Hari uji",
        date(2099, 3, 5): "Cuti bersama: Cuti uji",
    }
    assert holidays_between(date(2099, 3, 6), date(2099, 3, 8)) == {}
