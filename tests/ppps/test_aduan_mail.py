"""E-mail to the complainant on submission and on the answer, sent as a task within office
hours: a message created outside them waits (run_after) until the next opening. No e-mail
carries the PIN, the answer or the text of the complaint."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ppps import services
from ppps.models import Aduan, HariLibur
from sisp import roles

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


SECRET_TEXT = "Pembagian sembako berlogo calon oleh Pak Darmawan di balai RW 03."


def set_office_hours(settings, days, opens, closes):
    settings.SISP_OFFICE_DAYS = days
    settings.SISP_OFFICE_OPENS = opens
    settings.SISP_OFFICE_CLOSES = closes


def always_open(settings):
    set_office_hours(settings, list(range(7)), "00:00", "23:59:59.999999")


def post_aduan(client, office, **extra):
    data = {
        "kantor": office.pk,
        "uraian": SECRET_TEXT,
        "nama": "Siti Aminah",
        "email": "siti@example.test",
        "telepon": "081234567890",
        "tanggal_diketahui": "2024-10-02",
        "situs": "",
        **extra,
    }
    response = client.post(reverse("ppps_public:aduan"), data)
    assert response.status_code == 200
    return response


def closed_until_day_after_tomorrow(settings):
    """Office hours that exclude every moment of today and tomorrow, whatever the clock says:
    the office opens only on the weekday of the day after tomorrow."""
    opening_day = timezone.localdate() + dt.timedelta(days=2)
    HariLibur.objects.filter(date=opening_day).delete()
    set_office_hours(settings, [opening_day.weekday()], "08:00", "16:00")
    return dt.datetime.combine(opening_day, dt.time(8), WIB)


# The real worker, on committed rows: it closes a connection found inside a transaction, so
# these tests run with real commits (transaction=True), as in production.
@pytest.mark.django_db(transaction=True)
def test_complaint_outside_office_hours_waits_for_the_next_opening(client, office, settings):
    opening = closed_until_day_after_tomorrow(settings)
    response = post_aduan(client, office)
    pin = response.context["pin"]
    queued = DBTaskResult.objects.get(task_path="ppps.tasks.send_aduan_mail")
    assert queued.run_after == opening
    call_command("db_worker", batch=True, no_startup_delay=True)
    assert mail.outbox == []  # not due yet: the worker leaves it waiting
    queued.refresh_from_db()
    assert queued.status == "READY"

    # The opening comes (the office is open now, the task is due): the worker sends it.
    always_open(settings)
    DBTaskResult.objects.filter(pk=queued.pk).update(run_after=timezone.now())
    call_command("db_worker", batch=True, no_startup_delay=True)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    aduan = Aduan.objects.get()
    assert message.to == ["siti@example.test"]
    assert aduan.kode_tiket in message.subject and aduan.kode_tiket in message.body
    assert f"http://testserver/aduan/status/?kode={aduan.kode_tiket}" in message.body
    assert pin not in message.body and pin not in message.subject
    assert SECRET_TEXT not in message.body and "081234567890" not in message.body


@pytest.mark.django_db(transaction=True)
def test_a_worker_running_after_closing_time_sends_nothing_and_waits_again(
    client, office, settings
):
    """The worker was down at the opening (or busy until after closing): the due message is
    not sent at night but queued again for the next opening."""
    always_open(settings)
    post_aduan(client, office)
    first = DBTaskResult.objects.get(task_path="ppps.tasks.send_aduan_mail")
    opening = closed_until_day_after_tomorrow(settings)  # now the office is closed
    call_command("db_worker", batch=True, no_startup_delay=True)
    assert mail.outbox == []
    first.refresh_from_db()
    assert first.status == "SUCCESSFUL" and first.return_value == 0
    again = DBTaskResult.objects.exclude(pk=first.pk).get()
    assert again.task_path == "ppps.tasks.send_aduan_mail" and again.status == "READY"
    assert again.run_after == opening
    assert again.args_kwargs == first.args_kwargs  # the same message, nothing else

    always_open(settings)  # the opening comes
    DBTaskResult.objects.filter(pk=again.pk).update(run_after=timezone.now())
    call_command("db_worker", batch=True, no_startup_delay=True)
    assert [m.to for m in mail.outbox] == [["siti@example.test"]]
    assert DBTaskResult.objects.count() == 2  # sent once, not queued a third time


def test_complaint_within_office_hours_is_mailed_after_commit(
    client, office, settings, immediate_tasks, django_capture_on_commit_callbacks
):
    always_open(settings)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_aduan(client, office)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["siti@example.test"]]
    assert "diterima" in mail.outbox[0].subject


def test_no_mail_without_an_address(
    client, office, settings, immediate_tasks, django_capture_on_commit_callbacks
):
    always_open(settings)
    with django_capture_on_commit_callbacks(execute=True):
        post_aduan(client, office, email="")
    assert mail.outbox == []
    assert not DBTaskResult.objects.exists()


def test_holiday_moves_the_queued_time_past_it(office):
    aduan = Aduan.objects.create(office=office, kode_tiket="ADU-UJI", email="a@example.test")
    HariLibur.objects.create(date=dt.date(2024, 10, 14), name="Cuti bersama (uji)")
    friday_evening = dt.datetime(2024, 10, 11, 19, 0, tzinfo=WIB)
    due = services.queue_aduan_mail(aduan, "diterima", now=friday_evening)
    assert due == dt.datetime(2024, 10, 15, 8, 0, tzinfo=WIB)


@pytest.fixture
def petugas_aduan(make_user, office, unit):
    return make_user(roles.PETUGAS_PPPS, office=office, unit=unit)


def test_answer_is_announced_by_mail_without_the_answer_or_pin(
    client, office, settings, immediate_tasks, petugas_aduan, django_capture_on_commit_callbacks
):
    always_open(settings)
    pin = post_aduan(client, office).context["pin"]
    aduan = Aduan.objects.get()
    mail.outbox.clear()
    answer = "Aduan Anda kami teruskan sebagai informasi awal kepada Panwascam Kranggan."
    with django_capture_on_commit_callbacks(execute=True):
        services.triage_aduan(
            aduan, status=Aduan.Status.INFORMASI_AWAL, jawaban=answer, user=petugas_aduan
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["siti@example.test"] and "sudah dijawab" in message.subject
    assert answer not in message.body and pin not in message.body
    assert aduan.kode_tiket in message.body

    # Saving the same answer again sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        services.triage_aduan(
            aduan, status=Aduan.Status.INFORMASI_AWAL, jawaban=answer, user=petugas_aduan
        )
    assert len(mail.outbox) == 1


def test_an_answer_written_outside_office_hours_waits_for_the_next_opening(
    client, office, settings, petugas_aduan, django_capture_on_commit_callbacks
):
    always_open(settings)
    post_aduan(client, office)
    aduan = Aduan.objects.get()
    DBTaskResult.objects.all().delete()  # the receipt's message is not the one looked at
    opening = closed_until_day_after_tomorrow(settings)
    with django_capture_on_commit_callbacks(execute=True):
        services.triage_aduan(
            aduan, status=Aduan.Status.INFORMASI_AWAL, jawaban="Kami teruskan.", user=petugas_aduan
        )
    queued = DBTaskResult.objects.get(task_path="ppps.tasks.send_aduan_mail")
    assert queued.run_after == opening and queued.status == "READY"
    assert queued.args_kwargs["args"][:2] == [aduan.pk, "dijawab"]
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_an_address_erased_before_sending_gets_no_mail(client, office, settings):
    closed_until_day_after_tomorrow(settings)
    post_aduan(client, office)
    Aduan.objects.update(email="")  # what anonymise_aduan does to an old complaint
    DBTaskResult.objects.update(run_after=timezone.now())
    call_command("db_worker", batch=True, no_startup_delay=True)
    assert mail.outbox == []
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
