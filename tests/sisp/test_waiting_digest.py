"""The daily "Menunggu Anda" e-mail: the panel's items as counts and links, to each user once a
working day within office hours, never a record's subject or a person's name."""

import datetime as dt
import re
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from arsip.models import PermohonanAkses
from ppps import services as ppps_services
from ppps.models import HariLibur
from sisp import digest, roles, services
from sisp.models import AuditEvent, DigestSent
from sisp.queues import waiting_for

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
WEDNESDAY_10 = dt.datetime(2024, 10, 9, 10, 0, tzinfo=WIB)
WEDNESDAY_EVENING = dt.datetime(2024, 10, 9, 19, 0, tzinfo=WIB)
THURSDAY_8 = dt.datetime(2024, 10, 10, 8, 0, tzinfo=WIB)
ADUAN_TEXT = "Pembagian sembako berlogo calon oleh Pak Darmawan di balai RW 03."
SUBJECT = "Salinan SK rahasia pemberhentian Ketua PPK Kranggan"
TARGET_NAME = "Budi Santoso"


def listed(message):
    """(label, count) of each line "- label: count" of a digest."""
    return [
        (m["label"], int(m["count"]))
        for m in re.finditer(r"^- (?P<label>.+): (?P<count>\d+)", message.body, re.M)
    ]


def mail_to(address):
    found = [m for m in mail.outbox if m.to == [address]]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.fixture
def two_offices(make_user, office, other_office, unit):
    """Work waiting in two offices: complaints in each, a role request and an archive access
    request in the first."""
    people = SimpleNamespace(
        petugas=make_user(roles.PETUGAS_PPPS, office=office, unit=unit, email="p1@x.test"),
        petugas_other=make_user(roles.PETUGAS_PPPS, office=other_office, email="p2@x.test"),
        ketua=make_user(roles.KETUA, office=office, email="ketua@x.test"),
        kasubag=make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=unit, email="ks@x.test"),
        staf=make_user(roles.STAF, office=office, unit=unit, email="staf@x.test"),
    )
    admin = make_user(roles.ADMINISTRATOR, office=office, is_staff=True)
    target = make_user(roles.STAF, office=office, first_name="Budi", last_name="Santoso")
    services.file_role_request(
        user=target,
        role=Group.objects.get(name=roles.PETUGAS_PPPS),
        reason="Penugasan",
        requested_by=admin,
    )
    people.aduan = [
        ppps_services.submit_aduan(office=office, data={"uraian": ADUAN_TEXT})[0] for _ in range(2)
    ]
    ppps_services.submit_aduan(office=other_office, data={"uraian": "Lain."})
    PermohonanAkses.objects.create(
        office=office, pemohon=people.staf, uraian=SUBJECT, tujuan="Kajian hukum"
    )
    return people


def test_each_user_gets_exactly_what_waits_for_them_and_nothing_of_another_office(two_offices):
    people = two_offices
    outcome = digest.send_digests(now=WEDNESDAY_10)
    assert outcome.sent == 4 and outcome.failed == 0
    expected = {
        people.petugas: [("Aduan belum ditelaah", 2)],
        people.petugas_other: [("Aduan belum ditelaah", 1)],
        people.ketua: [
            ("Permohonan peran menunggu keputusan Anda", 1),
            ("Permohonan akses arsip belum terarah", 1),
        ],
        people.kasubag: [("Permohonan akses arsip belum terarah", 1)],
    }
    for user, items in expected.items():
        message = mail_to(user.email)
        assert listed(message) == items
        # The same items as the portal panel, from the same function.
        assert listed(message) == [(i.label, i.count) for i in waiting_for(user)]
    assert mail_to(people.staf.email) is None  # nothing waits for them: no mail
    assert "/ppps/aduan/" in mail_to(people.petugas.email).body


def test_the_mail_names_no_subject_no_person_and_no_ticket(two_offices):
    digest.send_digests(now=WEDNESDAY_10)
    assert len(mail.outbox) == 4
    secrets = [ADUAN_TEXT, SUBJECT, TARGET_NAME, "Santoso", two_offices.staf.first_name]
    secrets += [a.kode_tiket for a in two_offices.aduan]
    for message in mail.outbox:
        for text in secrets:
            assert text not in message.body and text not in message.subject


def test_links_are_absolute_with_the_base_url(two_offices, settings):
    settings.SISP_BASE_URL = "https://sisp.example.go.id/"
    digest.send_digests(now=WEDNESDAY_10)
    body = mail_to(two_offices.ketua.email).body
    assert "https://sisp.example.go.id/portal/peran/" in body
    assert "https://sisp.example.go.id/akun/profil/" in body


def test_a_second_run_the_same_day_sends_nothing_more(two_offices):
    digest.send_digests(now=WEDNESDAY_10)
    assert len(mail.outbox) == 4
    # More work arrives the same day: still one digest a day.
    ppps_services.submit_aduan(office=two_offices.petugas.office, data={"uraian": "Baru."})
    again = digest.send_digests(now=WEDNESDAY_10 + dt.timedelta(hours=3))
    assert again.sent == 0 and again.already == 4
    assert len(mail.outbox) == 4
    assert DigestSent.objects.count() == 4
    assert AuditEvent.objects.filter(action="sisp.digest_sent").count() == 4
    # The next working day it goes out again.
    digest.send_digests(now=THURSDAY_8)
    assert len(mail.outbox) == 8


def test_a_digest_already_recorded_is_not_sent_by_a_racing_run(two_offices):
    DigestSent.objects.create(user=two_offices.ketua, day=WEDNESDAY_10.date())
    assert digest.send_digest(two_offices.ketua, WEDNESDAY_10.date()) is None
    assert mail.outbox == []


def test_outside_office_hours_nothing_is_sent_and_the_run_waits_for_the_opening(two_offices):
    outcome = digest.send_digests(now=WEDNESDAY_EVENING)
    assert outcome.deferred_until == THURSDAY_8 and outcome.sent == 0
    early = digest.send_digests(now=dt.datetime(2024, 10, 9, 7, 59, tzinfo=WIB))
    assert early.deferred_until == dt.datetime(2024, 10, 9, 8, 0, tzinfo=WIB)
    assert mail.outbox == [] and not DigestSent.objects.exists()


def test_holidays_and_weekends_wait_for_the_next_working_day(two_offices, settings):
    HariLibur.objects.get_or_create(
        date=dt.date(2024, 10, 14), defaults={"name": "Cuti bersama (uji)"}
    )
    friday_evening = dt.datetime(2024, 10, 11, 19, 0, tzinfo=WIB)
    assert digest.send_digests(now=friday_evening).deferred_until == dt.datetime(
        2024, 10, 15, 8, 0, tzinfo=WIB
    )
    holiday = dt.datetime(2024, 10, 14, 10, 0, tzinfo=WIB)
    assert digest.send_digests(now=holiday).deferred_until is not None
    # An office open on Saturdays still sends no digest then: Saturday is no working day.
    settings.SISP_OFFICE_DAYS = [0, 1, 2, 3, 4, 5]
    saturday = dt.datetime(2024, 10, 12, 10, 0, tzinfo=WIB)
    assert digest.send_digests(now=saturday).deferred_until == dt.datetime(
        2024, 10, 15, 8, 0, tzinfo=WIB
    )
    assert mail.outbox == []


def test_opted_out_inactive_and_addressless_users_are_skipped(two_offices, make_user):
    people = two_offices
    services.set_digest_preference(people.petugas, wants=False)
    people.ketua.is_active = False
    people.ketua.save(update_fields=["is_active"])
    people.kasubag.email = ""
    people.kasubag.save(update_fields=["email"])
    digest.send_digests(now=WEDNESDAY_10)
    assert [m.to for m in mail.outbox] == [[people.petugas_other.email]]


def test_the_installation_switch_turns_every_digest_off(two_offices, settings):
    settings.SISP_DIGEST_ENABLED = False
    assert digest.send_digests(now=WEDNESDAY_10).disabled
    call_command("send_waiting_digest")
    assert mail.outbox == [] and not DBTaskResult.objects.exists()


# The real worker, on committed rows (transaction=True), as in test_aduan_mail. The worker
# compares run_after with the real clock, the digest reads its own (patched): a week in the
# future keeps the queued run not yet due for the worker.
FUTURE_WEDNESDAY_EVENING = dt.datetime(2030, 10, 9, 19, 0, tzinfo=WIB)
FUTURE_THURSDAY_8 = dt.datetime(2030, 10, 10, 8, 0, tzinfo=WIB)


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True)


@pytest.fixture
def clock(monkeypatch):
    fake = SimpleNamespace(now=lambda: FUTURE_WEDNESDAY_EVENING)
    monkeypatch.setattr(digest, "timezone", fake)
    return fake


@pytest.mark.django_db(transaction=True)
def test_the_command_run_before_opening_queues_the_run_and_the_worker_sends_it_once(
    two_offices, clock, capsys
):
    call_command("send_waiting_digest")
    assert "queued for 2030-10-10 08.00" in capsys.readouterr().out
    queued = DBTaskResult.objects.get(task_path="sisp.tasks.send_waiting_digests")
    assert queued.run_after == FUTURE_THURSDAY_8
    run_worker()
    assert mail.outbox == []  # not due yet: the worker leaves it waiting
    queued.refresh_from_db()
    assert queued.status == "READY"

    # The opening comes: the worker sends the digests; a later run sends nothing more.
    clock.now = lambda: FUTURE_THURSDAY_8 + dt.timedelta(minutes=30)
    DBTaskResult.objects.filter(pk=queued.pk).update(run_after=timezone.now())
    run_worker()
    assert len(mail.outbox) == 4
    call_command("send_waiting_digest")
    assert "0 e-mail(s) sent, 4 already sent today" in capsys.readouterr().out
    run_worker()
    assert len(mail.outbox) == 4
    assert DigestSent.objects.filter(day=FUTURE_THURSDAY_8.date()).count() == 4


@pytest.mark.django_db(transaction=True)
def test_a_run_the_worker_reaches_after_closing_waits_again_instead_of_mailing_at_night(
    two_offices, clock
):
    call_command("send_waiting_digest")
    # The worker was down all day and reaches the run in the evening (still Wednesday here).
    DBTaskResult.objects.update(run_after=timezone.now())
    run_worker()
    assert mail.outbox == []
    waiting = DBTaskResult.objects.get(status="READY")
    assert waiting.run_after == FUTURE_THURSDAY_8
