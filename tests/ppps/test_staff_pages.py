"""Staff pages under /ppps/: anonymous, other office, no right, happy path."""

import datetime

import pytest
from django.urls import reverse

from ppps import services
from ppps.models import DokumenPerkara, Perkara, Pihak, RiwayatPerkara, Tahapan
from sisp.models import AuditEvent
from tests.refusals import not_found, nothing_changes, refused

pytestmark = pytest.mark.django_db


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("kajian.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")


@pytest.fixture
def perkara(make_perkara):
    return make_perkara(pelapor={"nama": "Rahmat Hidayat", "email": "rahmat@example.test"})


def test_anonymous_is_sent_to_login(client, perkara):
    for url in (reverse("ppps:index"), reverse("ppps:perkara_list"), perkara.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_staff_without_ppps_role_gets_403(client, staf, perkara):
    client.force_login(staf)
    refused(client.get(reverse("ppps:index")))
    assert "Rahmat" not in refused(client.get(reverse("ppps:perkara_list")))
    assert "Rahmat" not in refused(client.get(perkara.get_absolute_url()))


def test_officer_of_other_office_gets_404_for_the_case(client, petugas_other, perkara):
    client.force_login(petugas_other)
    not_found(client.get(perkara.get_absolute_url()))
    with nothing_changes(perkara, RiwayatPerkara, Pihak, DokumenPerkara):
        for name, data in (
            ("perkara_register", {"registrasi-tanggal": "2024-10-08", "registrasi-nomor": ""}),
            (
                "perkara_move",
                {"pindah-tahapan": perkara.next_stage().pk, "pindah-tanggal": "2024-10-08"},
            ),
            ("perkara_edit", {"ringkasan_publik": "Diubah kantor lain"}),
            ("pihak_add", {"peran": "terlapor", "nama": "Joko Susilo"}),
            ("dokumen_add", {"dokumen-title": "Dari kantor lain", "dokumen-berkas": _pdf()}),
        ):
            not_found(client.post(reverse(f"ppps:{name}", args=[perkara.pk]), data))


def test_case_list_shows_own_office_cases_only(
    client, petugas, petugas_other, perkara, make_perkara
):
    client.force_login(petugas_other)
    assert str(perkara) not in client.get(reverse("ppps:perkara_list")).content.decode()
    client.force_login(petugas)
    assert f"Laporan #{perkara.pk}" in client.get(reverse("ppps:perkara_list")).content.decode()


def test_case_list_query_count_does_not_grow_with_cases(
    client, petugas, make_perkara, django_assert_max_num_queries
):
    for _ in range(30):
        make_perkara()
    client.force_login(petugas)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("ppps:perkara_list"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 25


def test_case_list_filters_by_kind_stage_officer_and_overdue(client, petugas, ketua, make_perkara):
    laporan = make_perkara(tanggal_diterima=datetime.date(2024, 10, 7))
    today = datetime.date.today()
    temuan = make_perkara(jenis="temuan", tanggal_diterima=today, tanggal_diketahui=today)
    client.force_login(petugas)

    def listed(**params):
        page = client.get(reverse("ppps:perkara_list"), params).context["page"]
        return {p.pk for p in page.object_list}

    assert listed(jenis="temuan") == {temuan.pk}
    assert listed(regime="pemilihan") == {laporan.pk, temuan.pk}
    assert listed(regime="pemilu") == set()
    assert listed(tahapan=laporan.tahapan_id) == {laporan.pk}
    assert listed(petugas=petugas.pk) == {laporan.pk, temuan.pk}
    assert listed(lewat="on") == {laporan.pk}


def test_case_page_shows_a_past_deadline_in_red(client, ketua, perkara):
    client.force_login(ketua)
    response = client.get(perkara.get_absolute_url())
    body = response.content.decode()
    assert 'class="overdue" id="batas-waktu"' in body
    # Received Mon 7 Oct 2024 (Pilkada): 3 calendar days, UU 10/2016 Pasal 134(5).
    assert "10 Oktober 2024" in body
    # Ketua reads but does not act.
    assert "Pindah tahapan</button>" not in body


def test_officer_moves_a_case_and_the_history_gains_an_event(client, petugas, perkara):
    client.force_login(petugas)
    kajian_awal = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="kajian-awal")
    response = client.post(
        reverse("ppps:perkara_move", args=[perkara.pk]),
        {
            "pindah-tahapan": kajian_awal.pk,
            "pindah-tanggal": "2024-10-08",
            "pindah-catatan": "Mulai kajian awal",
            "pindah-tulis_sendiri": "on",
            "pindah-teks_publik": "Kajian awal dimulai.",
        },
    )
    assert response.status_code == 302
    perkara.refresh_from_db()
    assert perkara.tahapan == kajian_awal
    event, note = perkara.riwayat.order_by("-id")[:2][::-1]
    assert (event.kind, event.created_by, event.is_public) == ("tahap", petugas, True)
    assert event.catatan == "Kajian awal dimulai."
    # The internal note is an event of its own that the public never sees.
    assert (note.kind, note.catatan, note.is_public) == ("catatan", "Mulai kajian awal", False)
    assert AuditEvent.objects.filter(action="ppps.perkara_move", object_id=str(perkara.pk)).exists()


def test_moving_backwards_is_refused(client, petugas, perkara):
    services.register_perkara(perkara, user=petugas)
    earlier = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="kajian-awal")
    client.force_login(petugas)
    client.post(
        reverse("ppps:perkara_move", args=[perkara.pk]),
        {"pindah-tahapan": earlier.pk, "pindah-tanggal": "2024-10-08"},
    )
    perkara.refresh_from_db()
    assert perkara.tahapan.code == "registrasi"


def test_ketua_cannot_move_a_case(client, ketua, perkara):
    client.force_login(ketua)
    stage = perkara.next_stage()
    with nothing_changes(perkara, RiwayatPerkara):
        response = client.post(
            reverse("ppps:perkara_move", args=[perkara.pk]),
            {"pindah-tahapan": stage.pk, "pindah-tanggal": "2024-10-08"},
        )
        refused(response)


def test_register_with_the_proposed_number(client, petugas, perkara):
    client.force_login(petugas)
    page = client.get(perkara.get_absolute_url())
    proposal = page.context["proposal"]
    client.post(
        reverse("ppps:perkara_register", args=[perkara.pk]),
        {"registrasi-tanggal": "2024-10-08", "registrasi-nomor": ""},
    )
    perkara.refresh_from_db()
    assert proposal.startswith("001/Reg/LP/PW/Kota/12.01/")
    assert perkara.nomor_register == "001/Reg/LP/PW/Kota/12.01/X/2024"
    assert perkara.tanggal_registrasi == datetime.date(2024, 10, 8)


def test_register_with_a_typed_number_already_used_shows_an_error(
    client, petugas, perkara, make_perkara
):
    other = services.register_perkara(make_perkara(), user=petugas)
    client.force_login(petugas)
    response = client.post(
        reverse("ppps:perkara_register", args=[perkara.pk]),
        {"registrasi-tanggal": "2024-10-08", "registrasi-nomor": other.nomor_register},
        follow=True,
    )
    assert "sudah dipakai" in response.content.decode()
    perkara.refresh_from_db()
    assert perkara.nomor_register == ""


def test_extension_applies_once(client, petugas, perkara):
    kajian = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="kajian")
    services.move_to_stage(perkara, kajian, user=petugas, tanggal=datetime.date(2024, 10, 8))
    client.force_login(petugas)
    url = reverse("ppps:perkara_extend", args=[perkara.pk])
    client.post(url, {"perpanjang-catatan": "Keterangan saksi tambahan"})
    client.post(url, {"perpanjang-catatan": "Lagi"})
    perkara.refresh_from_db()
    assert perkara.tahap_diperpanjang and perkara.batas_waktu == datetime.date(2024, 10, 12)
    assert perkara.riwayat.filter(kind="perpanjangan").count() == 1


def test_a_correction_is_a_new_event(client, petugas, perkara):
    client.force_login(petugas)
    first = perkara.riwayat.get()
    client.post(
        reverse("ppps:perkara_note", args=[perkara.pk]),
        {
            "catatan-kind": "koreksi",
            "catatan-tanggal": "2024-10-08",
            "catatan-catatan": "Tanggal diterima seharusnya 6 Oktober",
        },
    )
    assert RiwayatPerkara.objects.get(pk=first.pk).catatan == first.catatan
    assert perkara.riwayat.filter(kind="koreksi").count() == 1


def test_new_case_form_records_reporter_privately_and_shows_pin_once(client, petugas, pilwali):
    client.force_login(petugas)
    response = client.post(
        reverse("ppps:perkara_add"),
        {
            "jenis": "laporan",
            "pemilihan": pilwali.pk,
            "tanggal_diketahui": "2024-10-05",
            "tanggal_diterima": "2024-10-07",
            "pelapor_nama": "Siti Aminah",
            "pelapor_email": "siti@example.test",
        },
    )
    assert response.status_code == 200
    perkara = Perkara.objects.get()
    assert perkara.check_pin(response.context["pin"])
    assert perkara.pihak.get().nama == "Siti Aminah"
    assert petugas in perkara.petugas.all()


def test_new_laporan_without_reporter_is_refused_in_indonesian(client, petugas, pilwali):
    client.force_login(petugas)
    response = client.post(
        reverse("ppps:perkara_add"),
        {"jenis": "laporan", "pemilihan": pilwali.pk, "tanggal_diterima": "2024-10-07"},
    )
    assert response.status_code == 200
    assert "wajib mencantumkan nama pelapor" in response.content.decode()
    assert not Perkara.objects.exists()


def test_edit_status_adds_a_public_event_and_violation_needs_final_kajian(client, petugas, perkara):
    from ppps.models import StatusPerkara

    client.force_login(petugas)
    status = StatusPerkara.objects.get(code="diteruskan-kpu")
    response = client.post(
        reverse("ppps:perkara_edit", args=[perkara.pk]),
        {
            "status": status.pk,
            "tindak_lanjut": "kpu",
            "jenis_pelanggaran": "administratif",
            "kajian_final": "on",
            "petugas": [petugas.pk],
        },
    )
    assert response.status_code == 302
    perkara.refresh_from_db()
    assert perkara.public_violation() == "Pelanggaran administratif"
    assert perkara.riwayat.filter(kind="status", is_public=True).exists()


def test_pihak_page_adds_a_terlapor(client, petugas, perkara):
    client.force_login(petugas)
    client.post(
        reverse("ppps:pihak_add", args=[perkara.pk]), {"peran": "terlapor", "nama": "Joko Susilo"}
    )
    perkara.refresh_from_db()
    assert perkara.terlapor_inisial == "J.S."
    assert perkara.pihak.filter(peran=Pihak.Peran.TERLAPOR).count() == 1


def test_dashboard_counts_overdue_and_near_cases(client, petugas, make_perkara):
    make_perkara()  # deadline 10 Oct 2024: overdue
    today = datetime.date.today()
    # Received yesterday: 3 calendar days, so 2 days left: near.
    yesterday = today - datetime.timedelta(days=1)
    make_perkara(tanggal_diketahui=yesterday, tanggal_diterima=yesterday)
    client.force_login(petugas)
    response = client.get(reverse("ppps:index"))
    assert response.context["overdue_count"] == 1
    assert len(response.context["near"]) == 1


def test_document_upload_and_download_are_audited(client, petugas, staf, perkara):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(petugas)
    pdf = SimpleUploadedFile("kajian.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    client.post(
        reverse("ppps:dokumen_add", args=[perkara.pk]),
        {"dokumen-title": "Kajian awal", "dokumen-berkas": pdf},
    )
    dokumen = perkara.dokumen.get()
    url = reverse("ppps:dokumen_download", args=[perkara.pk, dokumen.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="ppps.dokumen_download").exists()
    entry = AuditEvent.objects.get(action="ppps.dokumen_upload")
    assert (entry.object_id, entry.detail["dokumen"], entry.actor) == (
        str(perkara.pk),
        dokumen.pk,
        petugas,
    )
    client.force_login(staf)
    with nothing_changes(dokumen):
        refused(client.get(url))
        refused(
            client.post(
                reverse("ppps:dokumen_add", args=[perkara.pk]),
                {"dokumen-title": "Tanpa hak", "dokumen-berkas": _pdf()},
            )
        )
    assert perkara.dokumen.count() == 1


def test_withdrawal_is_refused_after_registration(client, petugas, perkara, make_perkara):
    from ppps.models import StatusPerkara

    dicabut = StatusPerkara.objects.get(code="dicabut")
    client.force_login(petugas)
    fresh = make_perkara()
    response = client.post(reverse("ppps:perkara_edit", args=[fresh.pk]), {"status": dicabut.pk})
    assert response.status_code == 302
    services.register_perkara(perkara, user=petugas)
    response = client.post(reverse("ppps:perkara_edit", args=[perkara.pk]), {"status": dicabut.pk})
    assert "tidak dapat dicabut" in response.content.decode()
    perkara.refresh_from_db()
    assert perkara.status.code == "diregistrasi"
