"""Explicit grants (user or unit, expiry, revocation) and the request-for-access flow."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from arsip import services
from arsip.models import HakAkses, Naskah, PermohonanAkses
from sisp import roles
from sisp.models import AuditEvent
from tests.factories import UnitFactory


@pytest.fixture
def setup(make_user, make_naskah, office, unit):
    """A Rahasia record of ``unit``; its Kepala Subbagian; a staff member of another unit."""
    other = UnitFactory(office=office, name="Divisi Hukum")
    kasubag = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=unit)
    author = make_user(roles.STAF, office=office, unit=unit)
    outsider = make_user(roles.STAF, office=office, unit=other, email="luar@example.org")
    naskah = make_naskah(
        office=office,
        unit=unit,
        created_by=author,
        kelas="R",
        nomor_surat="7/PP.01.02/K.UJ-01/01/2026",
    )
    return {"naskah": naskah, "kasubag": kasubag, "outsider": outsider, "other": other}


def _sees(user, naskah):
    return Naskah.objects.visible_to(user).filter(pk=naskah.pk).exists()


def test_a_grant_opens_the_record_until_its_last_day_then_closes(setup):
    naskah, kasubag, outsider = setup["naskah"], setup["kasubag"], setup["outsider"]
    today = timezone.localdate()
    assert not _sees(outsider, naskah)
    grant = services.grant_access(
        naskah, by=kasubag, tujuan="Telaah hukum", berlaku_sampai=today, user=outsider
    )
    assert _sees(outsider, naskah)
    HakAkses.objects.filter(pk=grant.pk).update(berlaku_sampai=today - timedelta(days=1))
    assert not _sees(outsider, naskah)


def test_a_grant_to_a_unit_opens_the_record_to_its_members_only(setup, make_user, office):
    naskah, kasubag, other = setup["naskah"], setup["kasubag"], setup["other"]
    services.grant_access(
        naskah,
        by=kasubag,
        tujuan="Bahan sidang",
        berlaku_sampai=timezone.localdate() + timedelta(days=3),
        unit=other,
    )
    assert _sees(setup["outsider"], naskah)
    stranger = make_user(roles.STAF, office=office, unit=UnitFactory(office=office))
    assert not _sees(stranger, naskah)


def test_a_revoked_grant_no_longer_opens_the_record(client, setup):
    naskah, kasubag, outsider = setup["naskah"], setup["kasubag"], setup["outsider"]
    grant = services.grant_access(
        naskah,
        by=kasubag,
        tujuan="Telaah",
        berlaku_sampai=timezone.localdate() + timedelta(days=3),
        user=outsider,
    )
    client.force_login(kasubag)
    response = client.post(reverse("arsip:revoke", args=[grant.pk]))
    assert response.status_code == 302
    assert not _sees(outsider, naskah)
    assert AuditEvent.objects.filter(action="arsip.revoke").exists()


def test_grant_form_on_record_page_gives_access_and_is_audited(client, setup):
    naskah, kasubag, outsider = setup["naskah"], setup["kasubag"], setup["outsider"]
    client.force_login(kasubag)
    until = timezone.localdate() + timedelta(days=10)
    client.post(
        reverse("arsip:grant", args=[naskah.pk]),
        {"user": outsider.pk, "tujuan": "Telaah hukum", "berlaku_sampai": until},
    )
    grant = HakAkses.objects.get()
    assert (grant.user, grant.disetujui_oleh, grant.berlaku_sampai) == (outsider, kasubag, until)
    assert AuditEvent.objects.filter(action="arsip.grant", actor=kasubag).exists()


def test_staff_cannot_grant_access(client, setup):
    client.force_login(setup["outsider"])
    response = client.post(
        reverse("arsip:grant", args=[setup["naskah"].pk]),
        {"user": setup["outsider"].pk, "tujuan": "x", "berlaku_sampai": timezone.localdate()},
    )
    assert response.status_code == 403
    assert not HakAkses.objects.exists()


def test_an_official_cannot_grant_a_record_they_cannot_see(client, setup, make_user, office):
    other_kasubag = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=setup["other"])
    client.force_login(other_kasubag)
    response = client.post(
        reverse("arsip:grant", args=[setup["naskah"].pk]),
        {"user": other_kasubag.pk, "tujuan": "Ingin tahu", "berlaku_sampai": timezone.localdate()},
    )
    assert response.status_code == 404
    assert not HakAkses.objects.exists()


def test_a_grant_to_someone_of_another_office_is_refused(setup, make_user, other_office):
    foreigner = make_user(roles.STAF, office=other_office, unit=UnitFactory(office=other_office))
    with pytest.raises(Exception, match="kantor yang sama"):
        services.grant_access(
            setup["naskah"],
            by=setup["kasubag"],
            tujuan="x",
            berlaku_sampai=timezone.localdate(),
            user=foreigner,
        )


def test_requester_asks_official_refuses_requester_is_told_and_still_sees_nothing(
    client, setup, django_capture_on_commit_callbacks
):
    naskah, kasubag, outsider = setup["naskah"], setup["kasubag"], setup["outsider"]
    client.force_login(outsider)
    client.post(
        reverse("arsip:permohonan"),
        {"uraian": "Surat 7/PP.01.02/K.UJ-01/01/2026", "tujuan": "Menyusun telaah"},
    )
    item = PermohonanAkses.objects.get()
    assert item.status == "diajukan"

    client.force_login(kasubag)
    queue = client.get(reverse("arsip:permohonan"))
    assert "Surat 7/PP.01.02/K.UJ-01/01/2026" in queue.text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("arsip:decide", args=[item.pk]),
            {"keputusan": "tolak", "catatan": "Tidak terkait tugas Anda."},
        )
    item.refresh_from_db()
    assert item.status == "ditolak" and item.diputus_oleh == kasubag
    assert not HakAkses.objects.exists()
    assert len(mail.outbox) == 1 and "ditolak" in mail.outbox[0].subject
    assert mail.outbox[0].to == ["luar@example.org"]

    client.force_login(outsider)
    mine = client.get(reverse("arsip:permohonan"))
    assert "Ditolak" in mine.text and "Tidak terkait tugas Anda." in mine.text
    assert client.get(reverse("arsip:detail", args=[naskah.pk])).status_code == 404
    # A decided request cannot be decided again.
    client.force_login(kasubag)
    assert client.get(reverse("arsip:decide", args=[item.pk])).status_code == 404


def test_approved_request_grants_the_record_the_official_picked_until_the_date(client, setup):
    naskah, kasubag, outsider = setup["naskah"], setup["kasubag"], setup["outsider"]
    item = services.request_access(user=outsider, uraian="Surat nomor 7", tujuan="Telaah hukum")
    client.force_login(kasubag)
    until = timezone.localdate() + timedelta(days=7)
    response = client.post(
        reverse("arsip:decide", args=[item.pk]),
        {"keputusan": "setujui", "naskah_ref": naskah.nomor_surat.lower(), "berlaku_sampai": until},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "disetujui" and item.hak_akses.berlaku_sampai == until
    assert item.hak_akses.tujuan == "Telaah hukum"
    client.force_login(outsider)
    assert client.get(reverse("arsip:detail", args=[naskah.pk])).status_code == 200


def test_an_official_cannot_approve_with_a_record_they_cannot_see(client, setup, make_user, office):
    other_kasubag = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=setup["other"])
    item = services.request_access(user=setup["outsider"], uraian="Surat 7", tujuan="Telaah")
    client.force_login(other_kasubag)
    response = client.post(
        reverse("arsip:decide", args=[item.pk]),
        {
            "keputusan": "setujui",
            "naskah_ref": str(setup["naskah"].pk),
            "berlaku_sampai": timezone.localdate(),
        },
    )
    assert response.status_code == 200
    assert "tidak ditemukan di antara naskah yang dapat Anda lihat" in response.text
    assert not HakAkses.objects.exists()


def test_requests_of_another_office_are_not_shown_or_decidable(
    client, setup, make_user, other_office
):
    item = services.request_access(
        user=setup["outsider"], uraian="Surat rahasia x", tujuan="Telaah"
    )
    foreign_ketua = make_user(roles.KETUA, office=other_office)
    client.force_login(foreign_ketua)
    assert "Surat rahasia x" not in client.get(reverse("arsip:permohonan")).text
    assert client.get(reverse("arsip:decide", args=[item.pk])).status_code == 404


def test_staff_cannot_decide_requests(client, setup, make_user, office, unit):
    item = services.request_access(user=setup["outsider"], uraian="Surat", tujuan="Telaah")
    client.force_login(make_user(roles.STAF, office=office, unit=unit))
    assert client.get(reverse("arsip:decide", args=[item.pk])).status_code == 403
