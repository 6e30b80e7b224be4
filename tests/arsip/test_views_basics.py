"""Every E-Arsip page: anonymous visitors go to the login page, users of another office get
404 for this office's objects, users without the right get 403."""

import pytest
from django.urls import reverse
from django.utils import timezone

from arsip import retention, services
from arsip.models import BerkasDigital
from sisp import roles
from tests.arsip.conftest import pdf_upload
from tests.factories import UnitFactory
from tests.refusals import nothing_changes, refused


@pytest.fixture
def world(make_user, make_naskah, office, unit, other_office, reference):
    arsiparis = make_user(roles.ARSIPARIS, office=office, unit=unit)
    staf = make_user(roles.STAF, office=office, unit=unit)
    naskah = make_naskah(office=office, unit=unit, created_by=arsiparis, kelas="B")
    services.add_version(naskah, pdf_upload(), user=arsiparis)
    # Grants come from the class's approver (the head of the unit), not the archivist.
    kasubag = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=unit)
    grant = services.grant_access(
        naskah, by=kasubag, tujuan="uji", user=staf, berlaku_sampai=timezone.localdate()
    )
    request_item = services.request_access(user=staf, uraian="Surat x", tujuan="Telaah")
    usulan = retention.UsulanPemusnahan.objects.create(
        office=office, judul="Usul", diajukan_oleh=arsiparis
    )
    loan = retention.Peminjaman.objects.create(
        office=office,
        naskah=naskah,
        peminjam=staf,
        keperluan="x",
        jatuh_tempo=timezone.localdate(),
        dicatat_oleh=arsiparis,
    )
    foreign_unit = UnitFactory(office=other_office)
    foreigner = make_user(roles.KETUA, roles.ARSIPARIS, office=other_office, unit=foreign_unit)
    return {
        "naskah": naskah,
        "grant": grant,
        "request": request_item,
        "usulan": usulan,
        "loan": loan,
        "arsiparis": arsiparis,
        "staf": staf,
        "foreigner": foreigner,
    }


def _urls(w):
    n = w["naskah"]
    return {
        "index": ("get", reverse("arsip:index")),
        "export": ("get", reverse("arsip:export")),
        "register": ("get", reverse("arsip:register")),
        "import": ("get", reverse("arsip:import")),
        "import_jra": ("get", reverse("arsip:import_jra")),
        "detail": ("get", reverse("arsip:detail", args=[n.pk])),
        "edit": ("get", reverse("arsip:edit", args=[n.pk])),
        "upload_version": ("post", reverse("arsip:upload_version", args=[n.pk])),
        "download": ("get", reverse("arsip:download", args=[n.pk, 1])),
        "grant": ("post", reverse("arsip:grant", args=[n.pk])),
        "revoke": ("post", reverse("arsip:revoke", args=[w["grant"].pk])),
        "permohonan": ("get", reverse("arsip:permohonan")),
        "decide": ("get", reverse("arsip:decide", args=[w["request"].pk])),
        "retensi": ("get", reverse("arsip:retensi")),
        "move_inactive": ("post", reverse("arsip:move_inactive")),
        "close_berkas": ("post", reverse("arsip:close_berkas", args=[n.berkas_id])),
        "pemusnahan": ("get", reverse("arsip:pemusnahan")),
        "propose": ("post", reverse("arsip:propose")),
        "pemusnahan_detail": ("get", reverse("arsip:pemusnahan_detail", args=[w["usulan"].pk])),
        "berita_acara_pdf": ("get", reverse("arsip:berita_acara_pdf", args=[w["usulan"].pk])),
        "peminjaman": ("get", reverse("arsip:peminjaman")),
        "kembali": ("post", reverse("arsip:kembali", args=[w["loan"].pk])),
    }


OBJECT_PAGES = [
    "detail",
    "edit",
    "upload_version",
    "download",
    "grant",
    "revoke",
    "decide",
    "close_berkas",
    "pemusnahan_detail",
    "berita_acara_pdf",
    "kembali",
]


def test_anonymous_visitors_are_sent_to_login_everywhere(client, world):
    for name, (method, url) in _urls(world).items():
        response = getattr(client, method)(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith("/masuk/"), name


def test_another_offices_leader_and_archivist_get_404_for_every_object(client, world):
    client.force_login(world["foreigner"])
    urls = _urls(world)
    for name in OBJECT_PAGES:
        method, url = urls[name]
        data = {"tanggal_tutup": "2024-01-01"} if name == "close_berkas" else {}
        assert getattr(client, method)(url, data).status_code == 404, name
    assert BerkasDigital.objects.filter(naskah=world["naskah"]).count() == 1
    world["loan"].refresh_from_db()
    assert world["loan"].tanggal_kembali is None


def test_staff_without_the_right_get_403_on_official_pages(client, world):
    client.force_login(world["staf"])
    urls = _urls(world)
    rows = [world[k] for k in ("naskah", "grant", "request", "usulan", "loan")]
    with nothing_changes(*rows, world["naskah"].berkas, BerkasDigital):
        _all_refused(client, urls)


def _all_refused(client, urls):
    for name in [
        "export",
        "import",
        "import_jra",
        "grant",
        "revoke",
        "decide",
        "retensi",
        "move_inactive",
        "pemusnahan",
        "propose",
        "pemusnahan_detail",
        "berita_acara_pdf",
        "peminjaman",
        "kembali",
    ]:
        method, url = urls[name]
        response = getattr(client, method)(url)
        assert response.status_code == 403, name
        refused(response)


def test_registrar_edits_a_record_and_the_change_is_audited_and_searchable(client, world):
    from arsip import search
    from arsip.models import Naskah
    from sisp.models import AuditEvent

    client.force_login(world["arsiparis"])
    n = world["naskah"]
    response = client.post(
        reverse("arsip:edit", args=[n.pk]),
        {
            "klasifikasi": "KA.00",
            "perihal": "Perihal baru tentang zebrakuda",
            "tanggal": "2026-01-05",
            "kelas": n.kelas_id,
            "unit": n.unit_id,
            "jenis": "surat",
            "tingkat_perkembangan": "asli",
            "media": "kertas",
            "jumlah": 1,
            "satuan": "lembar",
            "revisi_dilihat": n.revisi,
        },
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="arsip.update", object_id=str(n.pk)).exists()
    found = search.search(Naskah.objects.visible_to(world["arsiparis"]), "zebrakuda")
    assert list(found.values_list("pk", flat=True)) == [n.pk]
