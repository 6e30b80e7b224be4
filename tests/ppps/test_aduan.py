"""Posko Aduan: public form, ticket + PIN, status lookup, staff triage."""

import datetime
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.urls import reverse

from ppps import services
from ppps.models import Aduan, Perkara
from sisp import roles
from sisp.models import AuditEvent
from tests.conftest import SispClient
from tests.refusals import not_found, nothing_changes, refused

pytestmark = pytest.mark.django_db
FORM = reverse("ppps_public:aduan")
STATUS = reverse("ppps_public:aduan_status")


def post_aduan(client, office, **extra):
    data = {
        "kantor": office.pk,
        "uraian": "Ada pembagian sembako berlogo calon di balai RW 03.",
        "tempat": "Kelurahan Kranggan",
        "tanggal_kejadian": "2024-10-01",
        "tanggal_diketahui": "2024-10-02",
        "situs": "",
        **extra,
    }
    return client.post(FORM, data)


def test_anonymous_complaint_gets_ticket_pin_and_seven_day_warning(client, office):
    response = post_aduan(client, office)
    assert response.status_code == 200
    body = response.content.decode()
    aduan = Aduan.objects.get()
    assert aduan.kode_tiket in body and aduan.is_anonymous and aduan.office == office
    pin = response.context["pin"]
    assert aduan.check_pin(pin) and pin not in aduan.pin_hash
    assert "paling lama 7 hari sejak Anda mengetahui" in body
    assert "hanya ditampilkan sekali" in body


def test_attachments_are_stored_privately_with_checksums(client, office):
    png = SimpleUploadedFile(
        "foto.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png"
    )
    post_aduan(client, office, lampiran=[png])
    lampiran = Aduan.objects.get().lampiran.get()
    assert lampiran.content_type == "image/png" and len(lampiran.sha256) == 64
    assert "foto" in lampiran.original_name and lampiran.file_name.startswith("ppps/aduan/")


def test_attachment_of_a_forbidden_type_is_refused(client, office):
    exe = SimpleUploadedFile("a.exe", b"MZ\x90\x00" + b"\0" * 64)
    response = post_aduan(client, office, lampiran=[exe])
    assert "Jenis file tidak diizinkan" in response.content.decode()
    assert not Aduan.objects.exists()


def test_honeypot_filled_by_a_bot_stores_nothing(client, office):
    response = post_aduan(client, office, situs="http://spam.example")
    assert response.status_code == 400
    assert not Aduan.objects.exists()


def test_future_dates_are_refused(client, office):
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    response = post_aduan(client, office, tanggal_kejadian=tomorrow, tanggal_diketahui=tomorrow)
    assert "masa depan" in response.content.decode()
    assert not Aduan.objects.exists()


def test_submissions_over_the_rate_are_refused(client, office, settings):
    settings.PPPS_ADUAN_LIMIT = 2
    post_aduan(client, office)
    post_aduan(client, office)
    assert post_aduan(client, office).status_code == 429
    assert Aduan.objects.count() == 2


def test_status_needs_ticket_and_pin_and_shows_the_answer(client, office, make_user):
    aduan, pin = services.submit_aduan(office=office, data={"uraian": "NIK saya dicatut partai"})
    officer = make_user(roles.PETUGAS_PPPS, office=office)
    services.triage_aduan(
        aduan, status=Aduan.Status.NIK, jawaban="Kami teruskan ke KPU untuk dicoret.", user=officer
    )
    wrong = client.post(STATUS, {"kode_tiket": aduan.kode_tiket, "pin": "000000"}).content.decode()
    assert "tidak cocok" in wrong and "dicoret" not in wrong
    right = client.post(
        STATUS, {"kode_tiket": aduan.kode_tiket.lower(), "pin": pin.lower()}
    ).content.decode()
    assert "Kami teruskan ke KPU untuk dicoret." in right
    assert "pencatutan NIK" in right


def test_staff_triage_access(client, office, other_office, make_user, staf):
    aduan, _ = services.submit_aduan(office=office, data={"uraian": "x"})
    url = reverse("ppps:aduan_detail", args=[aduan.pk])
    assert client.get(url).status_code == 302  # anonymous: to login
    client.force_login(staf)
    assert client.get(url).status_code == 403
    client.force_login(make_user(roles.PETUGAS_PPPS, office=other_office))
    assert client.get(url).status_code == 404
    assert aduan.kode_tiket not in client.get(reverse("ppps:aduan_list")).content.decode()
    client.force_login(make_user(roles.PETUGAS_PPPS, office=office))
    assert client.get(url).status_code == 200
    assert aduan.kode_tiket in client.get(reverse("ppps:aduan_list")).content.decode()


def test_triage_needs_an_answer(client, office, petugas):
    aduan, _ = services.submit_aduan(office=office, data={"uraian": "x"})
    client.force_login(petugas)
    response = client.post(
        reverse("ppps:aduan_detail", args=[aduan.pk]), {"status": "ditutup", "jawaban": ""}
    )
    assert "Tuliskan jawaban" in response.content.decode()
    aduan.refresh_from_db()
    assert aduan.status == Aduan.Status.BARU


def test_triage_to_laporan_opens_a_prefilled_case_form_and_links_the_case(
    client, office, petugas, pilwali
):
    aduan, _ = services.submit_aduan(
        office=office,
        data={
            "uraian": "x",
            "nama": "Dewi Lestari",
            "email": "dewi@example.test",
            "tanggal_diketahui": datetime.date(2024, 10, 2),
        },
    )
    client.force_login(petugas)
    response = client.post(
        reverse("ppps:aduan_detail", args=[aduan.pk]),
        {"status": "laporan", "jawaban": "Silakan datang ke kantor untuk melengkapi laporan."},
    )
    assert response.status_code == 302 and f"?aduan={aduan.pk}" in response["Location"]
    form = client.get(response["Location"]).context["form"]
    assert form.initial["pelapor_nama"] == "Dewi Lestari"
    assert form.initial["tanggal_diketahui"] == datetime.date(2024, 10, 2)
    client.post(
        response["Location"],
        {
            "jenis": "laporan",
            "pemilihan": pilwali.pk,
            "tanggal_diketahui": "2024-10-02",
            "tanggal_diterima": "2024-10-03",
            "pelapor_nama": "Dewi Lestari",
        },
    )
    aduan.refresh_from_db()
    perkara = Perkara.objects.get()
    assert aduan.perkara == perkara
    # Linking is a change of the complaint of its own, in the audit trail beside the new case.
    link = AuditEvent.objects.get(action="ppps.aduan_link")
    assert (link.actor_id, link.object_id, link.detail) == (
        petugas.pk,
        str(aduan.pk),
        {"perkara": perkara.pk},
    )
    assert AuditEvent.objects.filter(action="ppps.perkara_receive").count() == 1


def test_attachment_download_is_for_triage_staff_only(client, office, petugas, ketua):
    png = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    aduan, _ = services.submit_aduan(office=office, data={"uraian": "x"}, attachments=[png])
    url = reverse("ppps:lampiran_download", args=[aduan.pk, aduan.lampiran.get().pk])
    client.force_login(ketua)
    with nothing_changes(aduan):
        refused(client.get(url))
    client.force_login(petugas)
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"\x89PNG\r\n\x1a\n")


def test_new_case_from_a_non_numeric_aduan_is_a_404_not_a_500(client, petugas):
    client.force_login(petugas)
    not_found(client.get(reverse("ppps:perkara_add"), {"aduan": "x"}))
    not_found(client.get(reverse("ppps:perkara_add") + "?aduan=1%27"))


def test_an_aduan_already_linked_to_a_case_is_not_linked_again(
    client, office, petugas, pilwali, make_perkara
):
    aduan, _ = services.submit_aduan(office=office, data={"uraian": "x", "nama": "Dewi Lestari"})
    first = make_perkara(pelapor={"nama": "Dewi Lestari"})
    Aduan.objects.filter(pk=aduan.pk).update(perkara=first)
    client.force_login(petugas)
    url = reverse("ppps:perkara_add") + f"?aduan={aduan.pk}"
    response = client.get(url, follow=True)
    assert "sudah ditautkan ke perkara" in response.content.decode()
    response = client.post(
        url,
        {
            "jenis": "laporan",
            "pemilihan": pilwali.pk,
            "tanggal_diketahui": "2024-10-02",
            "tanggal_diterima": "2024-10-03",
            "pelapor_nama": "Dewi Lestari",
        },
        follow=True,
    )
    assert "sudah ditautkan ke perkara" in response.content.decode()
    assert Perkara.objects.count() == 1
    aduan.refresh_from_db()
    assert aduan.perkara == first


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need Postgres")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submissions_link_an_aduan_to_one_case_only(
    office, petugas, pilwali, reference
):
    aduan, _ = services.submit_aduan(office=office, data={"uraian": "x", "nama": "Dewi Lestari"})
    url = reverse("ppps:perkara_add") + f"?aduan={aduan.pk}"
    data = {
        "jenis": "laporan",
        "pemilihan": pilwali.pk,
        "tanggal_diketahui": "2024-10-02",
        "tanggal_diterima": "2024-10-03",
        "pelapor_nama": "Dewi Lestari",
    }
    barrier = threading.Barrier(2)
    statuses, errors = [], []

    def submit():
        try:
            client = SispClient()
            client.force_login(petugas)
            barrier.wait()
            statuses.append(client.post(url, data).status_code)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(statuses) == [200, 302]  # one PIN page, one refusal
    aduan.refresh_from_db()
    assert list(Perkara.objects.all()) == [aduan.perkara]


def test_the_dashboard_counts_complaints_only_for_those_who_read_or_triage_them(
    client, office, make_user
):
    from django.contrib.auth.models import Permission

    services.submit_aduan(office=office, data={"uraian": "x", "nama": "Dewi Lestari"})
    reader = make_user(office=office)
    reader.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="ppps", codename__in=["access_ppps", "view_perkara"]
        )
    )
    client.force_login(reader)
    page = client.get(reverse("ppps:index"))
    assert page.status_code == 200
    assert page.context["aduan_baru"] == 0
    assert "aduan belum ditelaah" not in page.content.decode()
    reader.user_permissions.add(
        Permission.objects.get(content_type__app_label="ppps", codename="view_aduan")
    )
    reader = type(reader).objects.get(pk=reader.pk)  # permissions are cached per user object
    client.force_login(reader)
    page = client.get(reverse("ppps:index"))
    assert page.context["aduan_baru"] == 1
    assert "aduan belum ditelaah" in page.content.decode()
