"""Pelimpahan and pengambilalihan (Perbawaslu 7/2022 Pasal 20; ppps/transfers.py): the
receiving office continues the case; the sending office keeps read-only sight of its own part;
a third office sees nothing; /cek/ keeps answering and says where the case now is."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ppps import holds_api, services, transfers
from ppps.models import DokumenPerkara, Pelimpahan, Perkara, Pihak, RiwayatPerkara, Tahapan
from sisp import roles
from sisp.models import AuditEvent, Office
from tests.factories import OfficeFactory
from tests.refusals import nothing_changes, refused

pytestmark = pytest.mark.django_db
CEK = reverse("ppps_public:cek")
PROVINSI = "Bawaslu Provinsi Jawa Timur"


@pytest.fixture
def province(db, office):
    prov = OfficeFactory(
        name=PROVINSI, level=Office.Level.PROVINSI, code="P.JI", bawaslu_code="12", slug="jatim"
    )
    office.parent = prov
    office.save()
    return prov


@pytest.fixture
def ketua_prov(make_user, province):
    return make_user(roles.KETUA, office=province)


@pytest.fixture
def petugas_prov(make_user, province):
    return make_user(roles.PETUGAS_PPPS, office=province)


@pytest.fixture
def perkara(make_perkara, petugas):
    case = make_perkara(
        pelapor={"nama": "Siti Pelapor", "nik": "3576010101010001", "alamat": "Jl. Uji 1"}
    )
    case = services.register_perkara(case, user=petugas, tanggal=datetime.date(2024, 10, 8))
    DokumenPerkara.objects.create(
        perkara=case,
        title="Kajian awal kantor kota",
        file_name="ppps/x/kajian.pdf",
        original_name="kajian.pdf",
        sha256="0" * 64,
        size=10,
        content_type="application/pdf",
        uploaded_by=petugas,
    )
    return Perkara.objects.get(pk=case.pk)


def limpahkan(perkara, ketua, to_office, **extra):
    return transfers.transfer_perkara(
        perkara,
        user=ketua,
        kind=Pelimpahan.Kind.PELIMPAHAN,
        to_office=to_office,
        reason="Dugaan pelanggaran kode etik pengawas kecamatan.",
        legal_basis=transfers.DEFAULT_LEGAL_BASIS,
        **extra,
    )


def snapshot(perkara):
    """Everything a write could change on the case, to compare after a refusal."""
    row = Perkara.objects.filter(pk=perkara.pk).values().get()
    return (
        row,
        list(RiwayatPerkara.objects.filter(perkara=perkara).values_list("pk", flat=True)),
        list(Pihak.objects.filter(perkara=perkara).values_list("pk", "nama")),
        list(DokumenPerkara.objects.filter(perkara=perkara).values_list("pk", flat=True)),
        list(perkara.petugas.values_list("pk", flat=True)),
    )


# --- The receiving office continues the case -------------------------------------------------


def test_the_receiving_office_sees_the_full_case_and_continues_it(
    client, perkara, ketua, province, petugas_prov
):
    deadline = perkara.batas_waktu
    limpahkan(perkara, ketua, province)
    moved = Perkara.objects.get(pk=perkara.pk)
    assert moved.office == province
    assert moved.nomor_register == perkara.nomor_register  # unchanged, still /cek/'s number
    assert moved.batas_waktu == deadline  # the stage and its clock go on
    client.force_login(petugas_prov)
    body = client.get(perkara.get_absolute_url()).content.decode()
    assert "Siti Pelapor" in body  # parties (Petugas PPPS holds ppps.view_pihak)
    assert "Kajian awal kantor kota" in body  # documents
    assert "Diregistrasi dengan nomor" in body  # the sending office's history
    assert f"Perkara ini dilimpahkan ke {PROVINSI}" in body  # the transfer in the timeline
    kajian = Tahapan.objects.get(regime=perkara.regime, jenis=perkara.jenis, code="kajian")
    response = client.post(
        reverse("ppps:perkara_move", args=[perkara.pk]),
        {"pindah-tahapan": kajian.pk, "pindah-tanggal": datetime.date.today().isoformat()},
    )
    assert response.status_code == 302
    assert Perkara.objects.get(pk=perkara.pk).tahapan == kajian
    assert RiwayatPerkara.objects.filter(perkara=perkara).last().office_id == province.pk


def test_officers_of_the_sending_office_stop_being_assigned(perkara, ketua, petugas, province):
    assert list(perkara.petugas.all()) == [petugas]
    limpahkan(perkara, ketua, province)
    assert not Perkara.objects.get(pk=perkara.pk).petugas.exists()


# --- The sending office: read-only, its own part ---------------------------------------------


def write_requests(perkara):
    today = datetime.date.today().isoformat()
    kajian = Tahapan.objects.get(regime=perkara.regime, jenis=perkara.jenis, code="kajian")
    pdf = SimpleUploadedFile("b.pdf", b"%PDF-1.4\n%x\n", content_type="application/pdf")
    url = lambda name: reverse(f"ppps:{name}", args=[perkara.pk])  # noqa: E731
    return [
        ("get", url("perkara_edit"), {}),
        ("post", url("perkara_edit"), {"status": "", "ringkasan_publik": "Diubah"}),
        ("post", url("perkara_move"), {"pindah-tahapan": kajian.pk, "pindah-tanggal": today}),
        ("post", url("perkara_extend"), {"perpanjang-catatan": "x"}),
        ("post", url("perkara_register"), {"registrasi-tanggal": today}),
        ("post", url("perkara_note"), {"catatan-kind": "catatan", "catatan-catatan": "x"}),
        ("post", url("perkara_pin"), {}),
        ("get", url("pihak_add"), {}),
        ("post", url("pihak_add"), {"peran": "saksi", "nama": "Saksi Baru"}),
        ("post", url("dokumen_add"), {"dokumen-title": "Baru", "dokumen-berkas": pdf}),
        ("post", url("link_arsip"), {"arsip-naskah": "1"}),
        ("post", url("perkara_transfer"), {"tujuan_luar": "Kantor X", "alasan": "x"}),
    ]


def test_every_write_endpoint_refuses_the_sending_office_and_changes_nothing(
    client, perkara, ketua, petugas, province
):
    limpahkan(perkara, ketua, province)
    before = snapshot(perkara)
    pin_hash = Perkara.objects.get(pk=perkara.pk).pin_hash
    client.force_login(petugas)
    for method, url, data in write_requests(perkara):
        response = getattr(client, method)(url, data)
        if url.endswith("/limpahkan/"):
            continue  # Petugas PPPS hold no transfer right: 403 before anything else
        assert response.status_code == 403, url
        assert "Perkara ini sudah dilimpahkan" in response.content.decode(), url
    client.force_login(ketua)  # the official who decided it: a second transfer is refused
    response = client.post(
        reverse("ppps:perkara_transfer", args=[perkara.pk]),
        {"tujuan_luar": "Kantor X", "alasan": "x", "dasar_hukum": "y", "konfirmasi": "1"},
        follow=True,
    )
    assert f"Perkara ini sudah dilimpahkan ke {PROVINSI}" in response.content.decode()
    assert snapshot(perkara) == before
    assert Perkara.objects.get(pk=perkara.pk).pin_hash == pin_hash
    assert Pelimpahan.objects.count() == 1


def test_the_sending_office_reads_only_up_to_the_transfer(
    client, perkara, ketua, petugas, province, petugas_prov
):
    limpahkan(perkara, ketua, province)
    # The receiving office goes on: a note, a party, a document, a stage move.
    services.add_note(
        perkara, user=petugas_prov, kind=RiwayatPerkara.Kind.CATATAN, catatan="Catatan provinsi"
    )
    services.save_pihak(
        perkara, Pihak(peran=Pihak.Peran.SAKSI, nama="Saksi Provinsi"), user=petugas_prov
    )
    later = DokumenPerkara.objects.create(
        perkara=perkara,
        title="Dokumen provinsi",
        file_name="ppps/y/p.pdf",
        original_name="p.pdf",
        sha256="1" * 64,
        size=10,
        content_type="application/pdf",
        uploaded_by=petugas_prov,
    )
    kajian = Tahapan.objects.get(regime=perkara.regime, jenis=perkara.jenis, code="kajian")
    services.move_to_stage(perkara, kajian, user=petugas_prov, catatan="Pindah oleh provinsi")
    client.force_login(petugas)
    response = client.get(perkara.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Perkara ini sudah dilimpahkan" in body
    assert "Siti Pelapor" in body and "Kajian awal kantor kota" in body  # its own part
    assert "Diregistrasi dengan nomor" in body
    for later_fact in ["Catatan provinsi", "Saksi Provinsi", "Dokumen provinsi", "Pindah oleh"]:
        assert later_fact not in body, later_fact
    for write in ["perkara_move", "perkara_note", "dokumen_add", "pihak_add", "perkara_edit"]:
        url = reverse(f"ppps:{write}", args=[perkara.pk])
        assert f'action="{url}"' not in body and f'href="{url}"' not in body, write  # no forms
    url = reverse("ppps:dokumen_download", args=[perkara.pk, later.pk])
    assert client.get(url).status_code == 404


def test_the_sending_office_list_shows_the_case_without_later_facts(
    client, perkara, ketua, petugas, province
):
    limpahkan(perkara, ketua, province)
    client.force_login(petugas)
    body = client.get(reverse("ppps:perkara_list")).content.decode()
    assert perkara.nomor_register in body
    assert "Dilimpahkan; kantor Anda hanya melihat riwayatnya sampai pelimpahan." in body
    dashboard = client.get(reverse("ppps:index"))
    assert dashboard.context["open_count"] == 0  # its clocks are the receiver's now


def test_a_third_office_gets_the_same_404_as_for_a_missing_case(
    client, perkara, ketua, province, petugas_other
):
    limpahkan(perkara, ketua, province)
    client.force_login(petugas_other)
    missing = Perkara.objects.order_by("-pk").first().pk + 1000
    for name in ["perkara_detail", "perkara_edit", "pihak_add"]:
        seen_url = reverse(f"ppps:{name}", args=[perkara.pk])
        absent_url = reverse(f"ppps:{name}", args=[missing])
        seen, absent = client.get(seen_url), client.get(absent_url)
        assert seen.status_code == absent.status_code == 404, name
        assert seen.content.replace(seen_url.encode(), b"URL") == absent.content.replace(
            absent_url.encode(), b"URL"
        )
    assert client.get(reverse("ppps:perkara_detail", args=[perkara.pk])).status_code == 404


# --- Who may transfer what -------------------------------------------------------------------


def test_a_lower_office_cannot_take_over_from_a_higher_one(
    client, perkara, ketua, ketua_prov, province
):
    limpahkan(perkara, ketua, province)  # now held by the province
    before = snapshot(perkara)
    with pytest.raises(transfers.TransferRefused, match="kantor di bawah kantor Anda"):
        transfers.transfer_perkara(
            Perkara.objects.get(pk=perkara.pk),
            user=ketua,
            kind=Pelimpahan.Kind.PENGAMBILALIHAN,
            to_office=ketua.office,
            reason="x",
            legal_basis="y",
        )
    client.force_login(ketua)  # the kota office has no office below it: nothing to choose
    response = client.post(
        reverse("ppps:perkara_takeover"),
        {"kantor": province.pk, "nomor": perkara.nomor_register, "alasan": "x", "dasar_hukum": "y"},
    )
    assert response.status_code == 200
    assert "Pilih kantor di bawah kantor Anda." in response.content.decode()
    assert snapshot(perkara) == before
    assert Pelimpahan.objects.count() == 1


def test_a_higher_office_takes_a_case_over_after_confirming(
    client, perkara, ketua_prov, province, office
):
    client.force_login(ketua_prov)
    data = {
        "kantor": office.pk,
        "nomor": " 1/reg/" + perkara.nomor_register.split("/", 2)[2].lower(),
        "alasan": "Kode etik Panwascam.",
        "dasar_hukum": "Perbawaslu 7/2022 Pasal 20 ayat (3)",
    }
    confirm = client.post(reverse("ppps:perkara_takeover"), data)
    assert confirm.status_code == 200
    assert "Ya, ambil alih perkara" in confirm.content.decode()
    assert Perkara.objects.get(pk=perkara.pk).office == office  # nothing yet
    stamp = confirm.context["stamp"]
    final = {**data, "perkara": perkara.pk, "stamp": stamp, "konfirmasi": "1"}
    done = client.post(reverse("ppps:perkara_takeover"), final)
    assert done.status_code == 302
    assert Perkara.objects.get(pk=perkara.pk).office == province
    transfer = Pelimpahan.objects.get()
    assert (transfer.kind, transfer.from_office, transfer.to_office) == (
        Pelimpahan.Kind.PENGAMBILALIHAN,
        office,
        province,
    )
    # A second press says so, not a 500 and no second transfer.
    again = client.post(reverse("ppps:perkara_takeover"), final, follow=True)
    assert again.status_code == 200
    assert "sudah diambil alih kantor Anda" in again.content.decode()
    assert Pelimpahan.objects.count() == 1


def test_a_case_cannot_be_transferred_to_its_own_office(client, perkara, ketua, office):
    before = snapshot(perkara)
    with pytest.raises(transfers.TransferRefused, match="kantor yang menanganinya sendiri"):
        limpahkan(perkara, ketua, office)
    client.force_login(ketua)
    response = client.post(
        reverse("ppps:perkara_transfer", args=[perkara.pk]),
        {"tujuan": office.pk, "alasan": "x", "dasar_hukum": "y"},
    )
    assert response.status_code == 200
    assert "Pilih kantor tujuan dari daftar." in response.content.decode()
    assert snapshot(perkara) == before
    assert not Pelimpahan.objects.exists()


def test_a_closed_case_cannot_be_moved(perkara, ketua, petugas, province):
    from ppps.models import StatusPerkara

    final = StatusPerkara.objects.filter(is_final=True).exclude(code="dilimpahkan").first()
    stage = Tahapan.objects.get(regime=perkara.regime, jenis=perkara.jenis, code="kajian")
    services.move_to_stage(perkara, stage, user=petugas, status=final)
    before = snapshot(perkara)
    with pytest.raises(transfers.TransferRefused, match="sudah selesai"):
        limpahkan(Perkara.objects.get(pk=perkara.pk), ketua, province)
    assert snapshot(perkara) == before


def test_only_holders_of_the_transfer_right_may_transfer(client, perkara, petugas, province):
    client.force_login(petugas)
    refused(client.get(reverse("ppps:perkara_transfer", args=[perkara.pk])))
    with (
        nothing_changes(perkara, Pelimpahan, RiwayatPerkara),
        pytest.raises(transfers.TransferRefused, match="tidak berwenang"),
    ):
        limpahkan(perkara, petugas, province)


def test_pelimpahan_through_the_form_confirms_then_moves_and_a_second_press_is_clear(
    client, perkara, ketua, province
):
    client.force_login(ketua)
    url = reverse("ppps:perkara_transfer", args=[perkara.pk])
    page = client.get(url).content.decode()
    assert "Limpahkan perkara" in page
    data = {"tujuan": province.pk, "alasan": "Kode etik.", "dasar_hukum": "Perbawaslu 7/2022"}
    confirm = client.post(url, data)
    assert "Ya, limpahkan perkara" in confirm.content.decode()
    assert not Pelimpahan.objects.exists()
    final = {**data, "stamp": confirm.context["stamp"], "konfirmasi": "1"}
    assert client.post(url, final).status_code == 302
    assert Perkara.objects.get(pk=perkara.pk).office == province
    again = client.post(url, final, follow=True)
    assert again.status_code == 200
    assert f"Perkara ini sudah dilimpahkan ke {PROVINSI}; tidak ada yang diubah." in (
        again.content.decode()
    )
    assert Pelimpahan.objects.count() == 1


def test_a_stale_confirmation_is_refused(client, perkara, ketua, petugas, province):
    client.force_login(ketua)
    url = reverse("ppps:perkara_transfer", args=[perkara.pk])
    data = {"tujuan": province.pk, "alasan": "Kode etik.", "dasar_hukum": "Perbawaslu 7/2022"}
    stamp = client.post(url, data).context["stamp"]
    services.add_note(perkara, user=petugas, kind=RiwayatPerkara.Kind.CATATAN, catatan="Baru")
    response = client.post(url, {**data, "stamp": stamp, "konfirmasi": "1"}, follow=True)
    assert "Perkara berubah sejak halaman konfirmasi dibuka" in response.content.decode()
    assert Perkara.objects.get(pk=perkara.pk).office_id == ketua.office_id
    assert not Pelimpahan.objects.exists()


def test_an_equivalent_register_number_in_the_receiving_office_is_refused(
    perkara, ketua, province, make_perkara, petugas_prov
):
    other = make_perkara(pemilihan=perkara.pemilihan)
    Perkara.objects.filter(pk=other.pk).update(office=province, nomor_register="x")
    twin = Perkara.objects.get(pk=other.pk)
    twin.nomor_register = perkara.nomor_register.lower()
    twin.save()
    with pytest.raises(transfers.TransferRefused, match="nomor register yang sama"):
        limpahkan(perkara, ketua, province)
    assert Perkara.objects.get(pk=perkara.pk).office_id == ketua.office_id


# --- Outside the installation ----------------------------------------------------------------


def test_a_case_sent_outside_the_installation_is_closed_and_editable_by_nobody(
    client, perkara, ketua, petugas
):
    transfer = limpahkan(perkara, ketua, None, to_office_name="Bawaslu Provinsi Jawa Tengah")
    assert transfer.is_outside
    closed = Perkara.objects.select_related("status").get(pk=perkara.pk)
    assert closed.office_id == ketua.office_id and not closed.is_open()
    assert not Perkara.objects.editable_by(petugas).filter(pk=perkara.pk).exists()
    before = snapshot(perkara)
    client.force_login(petugas)
    for method, url, data in write_requests(perkara)[:-1]:
        assert getattr(client, method)(url, data).status_code == 403, url
    assert snapshot(perkara) == before
    body = client.get(CEK, {"nomor": perkara.nomor_register}).content.decode()
    now = body.split('<div class="ppps-now', 1)[1].split("</div>", 1)[0]
    assert "<p>Perkara ini dilimpahkan ke Bawaslu Provinsi Jawa Tengah pada" in now
    assert holds_api.hold_end(closed) is None  # it goes on elsewhere: its records stay held


# --- The public lookup -----------------------------------------------------------------------


def test_cek_keeps_answering_and_names_the_new_office_at_once(client, perkara, ketua, province):
    first = client.get(CEK, {"nomor": perkara.nomor_register}).content.decode()
    assert "Bawaslu Kota Satu" in first and "dilimpahkan" not in first
    client.get(CEK, {"nomor": perkara.nomor_register})  # cached now
    limpahkan(perkara, ketua, province)
    body = client.get(CEK, {"nomor": perkara.nomor_register}).content.decode()
    today = datetime.date.today()
    from ppps.public import tanggal_id

    now = body.split('<div class="ppps-now', 1)[1].split("</div>", 1)[0]
    assert f"<p>Perkara ini dilimpahkan ke {PROVINSI} pada {tanggal_id(today)}.</p>" in now
    assert f"<dt>Kantor</dt><dd>{PROVINSI}</dd>" in body
    assert "Kode etik" not in body and "pengawas kecamatan" not in body  # the reason is private
    assert "Siti Pelapor" not in body


# --- Audit and the record itself -------------------------------------------------------------


def test_a_transfer_is_audited_in_both_offices_trails(perkara, ketua, office, province):
    transfer = limpahkan(perkara, ketua, province)
    trails = AuditEvent.objects.filter(action="ppps.perkara_transfer")
    assert sorted(trails.values_list("office_id", flat=True)) == sorted([office.pk, province.pk])
    for event in trails:
        assert event.detail["pelimpahan"] == transfer.pk
        assert "Siti" not in str(event.detail) and "kecamatan" not in str(event.detail)


def test_the_transfer_record_is_append_only(perkara, ketua, province):
    transfer = limpahkan(perkara, ketua, province)
    with pytest.raises(PermissionError):
        transfer.save()
    with pytest.raises(PermissionError):
        Pelimpahan.objects.filter(pk=transfer.pk).update(reason="lain")
    with pytest.raises(PermissionError):
        transfer.delete()


# --- Query counts ----------------------------------------------------------------------------


def test_the_case_page_reads_a_bounded_number_of_queries_on_both_sides(
    client, perkara, ketua, petugas, province, petugas_prov, django_assert_max_num_queries
):
    limpahkan(perkara, ketua, province)
    client.force_login(petugas_prov)
    with django_assert_max_num_queries(40):
        held = client.get(perkara.get_absolute_url())
    assert held.status_code == 200
    assert "ppps/perkara_detail.html" in [t.name for t in held.templates]
    client.force_login(petugas)
    with django_assert_max_num_queries(20):
        sent = client.get(perkara.get_absolute_url())
    assert sent.status_code == 200
    assert "ppps/perkara_dilimpahkan.html" in [t.name for t in sent.templates]
