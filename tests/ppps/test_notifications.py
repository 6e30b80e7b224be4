"""Emails: the reporter on a public status change (background task after commit); the assigned
officer's late case in the "Menunggu Anda" digest."""

import datetime

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from ppps import services
from ppps.models import Tahapan

pytestmark = pytest.mark.django_db


def test_reporter_is_emailed_after_commit_on_a_public_stage_change(
    make_perkara, petugas, immediate_tasks, django_capture_on_commit_callbacks
):
    perkara = make_perkara(pelapor={"nama": "Rahmat Hidayat", "email": "rahmat@example.test"})
    mail.outbox.clear()
    stage = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="kajian-awal")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.move_to_stage(
            perkara, stage, user=petugas, tanggal=datetime.date(2024, 10, 8), is_public=True
        )
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rahmat@example.test"]
    assert "Kajian awal" in message.body


def test_no_email_for_a_non_public_stage_or_without_address(
    make_perkara, petugas, immediate_tasks, django_capture_on_commit_callbacks
):
    with_address = make_perkara(pelapor={"nama": "A", "email": "a@example.test"})
    without = make_perkara(pelapor={"nama": "B"})
    klarifikasi = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="klarifikasi")
    kajian_awal = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="kajian-awal")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.move_to_stage(with_address, klarifikasi, user=petugas, is_public=True)
        services.move_to_stage(without, kajian_awal, user=petugas, is_public=True)
    assert mail.outbox == []


def test_email_never_names_the_other_parties(
    make_perkara, petugas, immediate_tasks, django_capture_on_commit_callbacks
):
    from ppps.models import Pihak

    perkara = make_perkara(pelapor={"nama": "Rahmat Hidayat", "email": "rahmat@example.test"})
    services.save_pihak(perkara, Pihak(peran="terlapor", nama="Bambang Hartono"), user=petugas)
    services.save_pihak(
        perkara, Pihak(peran="saksi", nama="Sulastri", email="saksi@example.test"), user=petugas
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.register_perkara(perkara, user=petugas)
    assert [m.to for m in mail.outbox] == [["rahmat@example.test"]]
    assert "Bambang" not in mail.outbox[0].body and "Sulastri" not in mail.outbox[0].body


def test_the_waiting_digest_tells_the_assigned_officer_of_a_late_case_without_its_number(
    make_perkara, petugas, make_user, office
):
    """The officers the old deadline digest mailed (those assigned to a case near or past its
    deadline) get the "Menunggu Anda" digest instead: a count and a link, never the register
    number, the stage or a party."""
    from zoneinfo import ZoneInfo

    from sisp import digest, roles

    perkara = make_perkara(pelapor={"nama": "Rahmat Hidayat"})
    services.register_perkara(perkara, user=petugas, tanggal=datetime.date(2024, 10, 7))
    kajian = Tahapan.objects.get(
        regime=perkara.pemilihan.regime, jenis=perkara.jenis, code="kajian"
    )
    services.move_to_stage(perkara, kajian, user=petugas, tanggal=datetime.date(2024, 10, 8))
    perkara.refresh_from_db()
    assert perkara.nomor_register and perkara.batas_waktu.year == 2024  # long past
    idle = make_user(roles.PETUGAS_PPPS, office=office, email="idle@example.test")
    mail.outbox.clear()
    tuesday_10 = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    digest.send_digests(now=tuesday_10)
    to_officer = [m for m in mail.outbox if m.to == [petugas.email]]
    assert len(to_officer) == 1
    body = to_officer[0].body
    assert "- Perkara Anda melewati batas waktu: 1 (segera)" in body
    assert perkara.nomor_register not in body and perkara.tahapan.name not in body
    assert "Rahmat" not in body and perkara.nomor_register not in to_officer[0].subject
    assert idle.email not in str([m.to for m in mail.outbox])  # not assigned: nothing waits
    # The old command is gone: one digest, not two.
    with pytest.raises(CommandError):
        call_command("send_deadline_digest")
