"""Grants only from the class's approver (issue 10, part 2): never the requester, never a
grantee, never someone who sees the record through their own registration, never the
registrar alone for Rahasia and above; a grant is not extended or passed on by its holder and
lists who approved; requests are routed to the right approver ("Menunggu keputusan Anda",
e-mail) and the requester is told the outcome."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from arsip import services
from arsip.models import HakAkses, Naskah, PermohonanAkses
from sisp import roles
from sisp.models import AuditEvent
from tests.factories import UnitFactory
from tests.refusals import nothing_changes

NOMOR = "12/PP.01.02/K.UJ-01/02/2026"


@pytest.fixture
def world(make_user, make_naskah, office, unit, reference):
    """A Sangat Rahasia and a Rahasia record of ``unit``, both registered by its archivist;
    the Ketua; the unit's Kepala Subbagian; a Koordinator Sekretariat of another unit holding
    a three-week grant on the Sangat Rahasia record; a Staf of another unit."""
    other = UnitFactory(office=office, name="Sekretariat")
    w = {
        "other": other,
        "ketua": make_user(roles.KETUA, office=office, email="ketua@example.org"),
        "kasubag": make_user(
            roles.KEPALA_SUBBAGIAN, office=office, unit=unit, email="kasubag@example.org"
        ),
        "arsiparis": make_user(roles.ARSIPARIS, office=office, unit=unit),
        "koordinator": make_user(roles.KOORDINATOR_SEKRETARIAT, office=office, unit=other),
        "staf": make_user(roles.STAF, office=office, unit=other, email="staf@example.org"),
    }
    w["sr"] = make_naskah(office=office, unit=unit, created_by=w["arsiparis"], kelas="SR")
    w["r"] = make_naskah(
        office=office, unit=unit, created_by=w["arsiparis"], kelas="R", nomor_surat=NOMOR
    )
    w["grant"] = services.grant_access(
        w["sr"],
        by=w["ketua"],
        tujuan="Bahan rapat",
        berlaku_sampai=timezone.localdate() + timedelta(days=21),
        user=w["koordinator"],
    )
    return w


def _sees(user, naskah):
    return Naskah.objects.visible_to(user).filter(pk=naskah.pk).exists()


def _grant_post(client, naskah, **data):
    return client.post(reverse("arsip:grant", args=[naskah.pk]), data)


def _grants():
    return sorted(HakAkses.objects.values_list("pk", "user_id", "unit_id", "berlaku_sampai"))


def test_a_grant_holder_cannot_extend_their_grant(client, world):
    before = _grants()
    client.force_login(world["koordinator"])
    response = _grant_post(
        client,
        world["sr"],
        user=world["koordinator"].pk,
        tujuan="Perpanjang",
        berlaku_sampai=timezone.localdate() + timedelta(days=365),
    )
    assert response.status_code == 403
    assert _grants() == before
    with pytest.raises(ValidationError) as refused:
        services.grant_access(
            world["sr"],
            by=world["koordinator"],
            tujuan="Perpanjang",
            berlaku_sampai=timezone.localdate() + timedelta(days=365),
            user=world["koordinator"],
        )
    assert refused.value.code == "not_approver"
    assert _grants() == before


@pytest.mark.parametrize("to", ["staf", "unit"])
def test_a_grant_holder_cannot_pass_the_grant_on(client, world, to):
    before = _grants()
    target = {"user": world["staf"].pk} if to == "staf" else {"unit": world["other"].pk}
    client.force_login(world["koordinator"])
    response = _grant_post(
        client,
        world["sr"],
        tujuan="Teruskan",
        berlaku_sampai=timezone.localdate() + timedelta(days=7),
        **target,
    )
    assert response.status_code == 403
    assert _grants() == before
    assert not _sees(world["staf"], world["sr"])
    # Nor does the holder see, or revoke, the grants of the record.
    page = client.get(reverse("arsip:detail", args=[world["sr"].pk]))
    assert reverse("arsip:grant", args=[world["sr"].pk]) not in page.text
    assert client.post(reverse("arsip:revoke", args=[world["grant"].pk])).status_code == 403
    world["grant"].refresh_from_db()
    assert world["grant"].dicabut_pada is None


def test_the_archivist_who_registered_a_record_cannot_grant_it(client, world):
    before = _grants()
    client.force_login(world["arsiparis"])
    for naskah in (world["sr"], world["r"]):
        assert _sees(world["arsiparis"], naskah)
        response = _grant_post(
            client,
            naskah,
            user=world["staf"].pk,
            tujuan="Bahan",
            berlaku_sampai=timezone.localdate() + timedelta(days=7),
        )
        assert response.status_code == 403
    assert _grants() == before
    assert not _sees(world["staf"], world["r"])


def test_the_registrar_alone_never_approves_access_to_rahasia(
    client, world, make_naskah, office, unit
):
    mine = make_naskah(office=office, unit=unit, created_by=world["kasubag"], kelas="R")
    with pytest.raises(ValidationError) as refused:
        services.grant_access(
            mine,
            by=world["kasubag"],
            tujuan="Bahan",
            berlaku_sampai=timezone.localdate(),
            user=world["staf"],
        )
    assert refused.value.code == "not_approver"
    assert not HakAkses.objects.filter(naskah=mine).exists()
    # A Terbatas record they registered is theirs to grant (the row says so).
    terbatas = make_naskah(office=office, unit=unit, created_by=world["kasubag"], kelas="T")
    services.grant_access(
        terbatas,
        by=world["kasubag"],
        tujuan="Bahan",
        berlaku_sampai=timezone.localdate(),
        user=world["staf"],
    )
    assert _sees(world["staf"], terbatas)


def test_only_the_ketua_approves_sangat_rahasia_and_the_grant_lists_who_approved(client, world):
    with pytest.raises(ValidationError):
        services.grant_access(
            world["sr"],
            by=world["kasubag"],
            tujuan="Bahan",
            berlaku_sampai=timezone.localdate(),
            user=world["staf"],
        )
    client.force_login(world["ketua"])
    until = timezone.localdate() + timedelta(days=5)
    response = _grant_post(
        client, world["sr"], user=world["staf"].pk, tujuan="Bahan sidang", berlaku_sampai=until
    )
    assert response.status_code == 302
    grant = HakAkses.objects.get(user=world["staf"])
    assert grant.disetujui_oleh == world["ketua"] and grant.berlaku_sampai == until
    client.force_login(world["staf"])
    page = client.get(reverse("arsip:detail", args=[world["sr"].pk]))
    assert "disetujui " + str(world["ketua"]) in page.text


def test_nobody_grants_to_themselves(world):
    with nothing_changes(world["r"], HakAkses), pytest.raises(ValidationError) as refused:
        services.grant_access(
            world["r"],
            by=world["kasubag"],
            tujuan="Untuk saya",
            berlaku_sampai=timezone.localdate(),
            user=world["kasubag"],
        )
    assert refused.value.code == "self_grant"


def test_a_grant_ends_with_the_approvers_account(world):
    assert _sees(world["koordinator"], world["sr"])
    world["ketua"].is_active = False
    world["ketua"].save(update_fields=["is_active"])
    assert not _sees(world["koordinator"], world["sr"])


def test_a_request_by_number_is_routed_to_the_approvers_and_they_are_emailed(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["staf"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("arsip:permohonan"),
            {"uraian": "Kajian rahasia", "nomor_naskah": NOMOR.lower(), "tujuan": "Telaah"},
        )
    item = PermohonanAkses.objects.get()
    assert item.naskah == world["r"]
    # Rahasia: the Ketua and the head of the creating unit; not the archivist who
    # registered it, nor the Koordinator of another unit.
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["kasubag@example.org", "ketua@example.org"]
    assert NOMOR not in mail.outbox[0].body and "Menunggu keputusan Anda" in mail.outbox[0].body
    # The requester's page does not say whether the record exists.
    mine = client.get(reverse("arsip:permohonan"))
    assert world["r"].perihal not in mine.text and "Rahasia" not in mine.text
    assert reverse("arsip:detail", args=[world["r"].pk]) not in mine.text
    for who, listed in [("kasubag", True), ("ketua", True), ("koordinator", False)]:
        client.force_login(world[who])
        page = client.get(reverse("arsip:permohonan"))
        assert [p.pk for p in page.context["pending"]] == ([item.pk] if listed else []), who
    client.force_login(world["koordinator"])
    assert client.get(reverse("arsip:decide", args=[item.pk])).status_code == 404


def test_a_grantee_or_the_registrar_cannot_approve_a_request(client, world):
    item = services.request_access(
        user=world["staf"], uraian="Kajian", tujuan="Telaah", nomor_naskah=NOMOR
    )
    sr_item = services.request_access(user=world["staf"], uraian="Kajian SR", tujuan="Telaah")
    services.route_request(sr_item, by=world["ketua"], naskah=world["sr"])
    before = _grants()
    for who, request_item, naskah in [
        ("arsiparis", item, world["r"]),
        ("koordinator", sr_item, world["sr"]),
    ]:
        client.force_login(world[who])
        assert client.get(reverse("arsip:decide", args=[request_item.pk])).status_code == 404
        with pytest.raises(ValidationError):
            services.decide_request(
                request_item,
                by=world[who],
                approve=True,
                naskah=naskah,
                berlaku_sampai=timezone.localdate(),
            )
    assert _grants() == before
    for request_item in (item, sr_item):
        request_item.refresh_from_db()
        assert request_item.status == "diajukan" and request_item.diputus_oleh is None


def test_nobody_decides_their_own_request(world):
    item = services.request_access(
        user=world["kasubag"], uraian="Kajian", tujuan="Telaah", nomor_naskah=NOMOR
    )
    with pytest.raises(ValidationError) as refused:
        services.decide_request(
            item,
            by=world["kasubag"],
            approve=True,
            naskah=world["r"],
            berlaku_sampai=timezone.localdate(),
        )
    assert refused.value.code == "own_request"
    item.refresh_from_db()
    assert item.status == "diajukan" and not HakAkses.objects.filter(naskah=world["r"]).exists()


def test_an_unrouted_request_is_forwarded_then_approved_and_the_requester_is_told(
    client, world, django_capture_on_commit_callbacks
):
    item = services.request_access(user=world["staf"], uraian="Kajian nomor 12", tujuan="Telaah")
    assert item.naskah is None
    client.force_login(world["kasubag"])
    queue = client.get(reverse("arsip:permohonan"))
    assert "Kajian nomor 12" in queue.text and queue.context["pending"] == []
    # Approving an SR record is not theirs: they forward it to the Ketua.
    refused = client.post(
        reverse("arsip:decide", args=[item.pk]),
        {
            "keputusan": "setujui",
            "naskah_ref": str(world["sr"].pk),
            "berlaku_sampai": timezone.localdate(),
        },
    )
    assert refused.status_code == 200 and "bukan pejabat yang berwenang" in refused.text
    assert not HakAkses.objects.filter(user=world["staf"]).exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("arsip:decide", args=[item.pk]),
            {"keputusan": "teruskan", "naskah_ref": str(world["sr"].pk)},
        )
    item.refresh_from_db()
    assert item.naskah == world["sr"] and item.status == "diajukan"
    assert [m.to for m in mail.outbox] == [["ketua@example.org"]]
    assert AuditEvent.objects.filter(action="arsip.request_routed", actor=world["kasubag"])

    client.force_login(world["ketua"])
    assert [p.pk for p in client.get(reverse("arsip:permohonan")).context["pending"]] == [item.pk]
    until = timezone.localdate() + timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("arsip:decide", args=[item.pk]),
            {"keputusan": "setujui", "berlaku_sampai": until, "catatan": "Untuk rapat"},
        )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "disetujui" and item.hak_akses.disetujui_oleh == world["ketua"]
    assert mail.outbox[-1].to == ["staf@example.org"] and "disetujui" in mail.outbox[-1].subject
    assert _sees(world["staf"], world["sr"])


def test_the_request_page_of_an_approver_has_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(count):
        for n in range(count):
            services.request_access(
                user=world["staf"], uraian=f"Kajian {n}", tujuan="Telaah", nomor_naskah=NOMOR
            )
            services.request_access(user=world["staf"], uraian=f"Lain {n}", tujuan="Telaah")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse("arsip:permohonan"))
        return len(captured), page

    client.force_login(world["kasubag"])
    add(2)
    client.get(reverse("arsip:permohonan"))  # warm the session
    few, _ = queries()
    add(10)
    with django_assert_max_num_queries(16):
        many, page = queries()
    # The approver's rules are read once, not once per listed request.
    assert many == few
    assert len(page.context["pending"]) == 12 and len(page.context["unrouted"]) == 12


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need Postgres")
@pytest.mark.django_db(transaction=True)
def test_two_approvers_deciding_at_once_give_one_decision_and_one_clear_refusal(
    make_user, make_naskah, office, unit
):
    import threading

    from django.db import connections

    from arsip import reference_data

    reference_data.load_all()  # a transactional test starts from a flushed database
    ketua = make_user(roles.KETUA, office=office)
    kasubag = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=unit)
    arsiparis = make_user(roles.ARSIPARIS, office=office, unit=unit)
    staf = make_user(roles.STAF, office=office, unit=UnitFactory(office=office))
    make_naskah(office=office, unit=unit, created_by=arsiparis, kelas="R", nomor_surat=NOMOR)
    item = services.request_access(user=staf, uraian="Kajian", tujuan="Telaah", nomor_naskah=NOMOR)
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(official, approve):
        try:
            barrier.wait()
            mine = PermohonanAkses.objects.select_related("naskah").get(pk=item.pk)
            services.decide_request(
                mine, by=official, approve=approve, berlaku_sampai=timezone.localdate()
            )
            outcomes.append("done")
        except ValidationError as exc:
            outcomes.append(exc.code)
        except Exception as exc:  # collected and asserted below
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(ketua, True)),
        threading.Thread(target=decide, args=(kasubag, False)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["decided", "done"]
    item.refresh_from_db()
    assert HakAkses.objects.count() == (1 if item.status == "disetujui" else 0)
    assert AuditEvent.objects.filter(action="arsip.request_decided").count() == 1
