"""One definition of "near the deadline" (issue 11 part 5): the dashboard's list, the flag on a
row and on the case page, and the officers' digest all use ``near_deadline_until``. Before,
the dashboard counted working days and the row flag the stage's own day type, so a calendar-day
stage ending on a Monday was "near" on the dashboard on Friday and unflagged on its row."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ppps import services
from ppps.models import HariLibur, Perkara, Tahapan

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_kajian(make_perkara, petugas):
    """A case in the kajian, a stage counted in calendar days."""
    perkara = services.register_perkara(make_perkara(), user=petugas)
    kajian = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="kajian")
    assert kajian.day_type == "kalender"
    return services.move_to_stage(perkara, kajian, user=petugas)


def test_the_list_and_the_flag_agree_on_every_day_around_a_deadline(in_kajian):
    friday = datetime.date(2024, 10, 11)
    monday = friday + datetime.timedelta(days=3)
    Perkara.objects.filter(pk=in_kajian.pk).update(batas_waktu=monday)
    perkara = Perkara.objects.select_related("tahapan", "status").get(pk=in_kajian.pk)
    holidays = HariLibur.objects.date_set()
    seen_near = []
    for offset in range(-10, 5):
        today = monday + datetime.timedelta(days=offset)
        listed = Perkara.objects.near_deadline(today, holidays).filter(pk=perkara.pk).exists()
        flagged = perkara.deadline_state(today, holidays).is_near
        assert listed == flagged, today
        if listed:
            seen_near.append(today)
    # Thursday (two working days before Monday: Friday, Monday) is near, 4 calendar days
    # before a calendar-day deadline; the Wednesday before is not.
    thursday, wednesday = friday - datetime.timedelta(days=1), friday - datetime.timedelta(days=2)
    assert thursday in seen_near and wednesday not in seen_near
    assert monday in seen_near and monday + datetime.timedelta(days=1) not in seen_near


def test_every_row_the_dashboard_lists_as_near_is_flagged_near(client, in_kajian, petugas):
    today = timezone.localdate()
    Perkara.objects.filter(pk=in_kajian.pk).update(batas_waktu=today + datetime.timedelta(days=1))
    client.force_login(petugas)
    response = client.get(reverse("ppps:index"))
    near = response.context["near"]
    assert [p.pk for p in near] == [in_kajian.pk]
    assert all(p.deadline_info.is_near for p in near)
    assert "ppps-near" in response.content.decode()
