"""The office's public reason texts (issue 11, part 1): what /cek/ says about a stage is either
one of the case's office's own texts or words the officer chose to write for the public (still
checked for party data); the officer's note stays private. One office never sees, edits or
uses another's texts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ppps import reference_data, services
from ppps.models import AlasanPublik, Perkara, Pihak, RiwayatPerkara, Tahapan
from sisp import roles
from sisp.models import AuditEvent

pytestmark = pytest.mark.django_db

CEK = reverse("ppps_public:cek")


def stage(code):
    return Tahapan.objects.get(regime="pemilihan", jenis="laporan", code=code)


@pytest.fixture
def perkara(make_perkara, petugas):
    perkara = make_perkara(pelapor={"nama": "Rahmat Hidayat"})
    services.save_pihak(
        perkara, Pihak(peran=Pihak.Peran.SAKSI, nama="Sulastri Wahyuningsih"), user=petugas
    )
    return services.register_perkara(perkara, user=petugas, tanggal=datetime.date(2024, 10, 8))


@pytest.fixture
def alasan(office):
    return AlasanPublik.objects.create(office=office, text="Menunggu kelengkapan berkas.")


@pytest.fixture
def alasan_other(other_office):
    return AlasanPublik.objects.create(office=other_office, text="Teks kantor lain.")


def snapshot(perkara):
    row = Perkara.objects.get(pk=perkara.pk)
    return (
        row.tahapan_id,
        row.batas_waktu,
        list(RiwayatPerkara.objects.filter(perkara=perkara).values_list("kind", "catatan")),
        AuditEvent.objects.filter(action="ppps.perkara_move").count(),
    )


def now_box(client, perkara):
    facts = client.get(CEK, {"nomor": perkara.nomor_register}).context["results"][0]
    return " ".join(facts["sekarang"])


def test_a_chosen_reason_is_the_last_public_word_and_the_note_stays_private(
    client, perkara, petugas, alasan
):
    services.move_to_stage(
        perkara,
        stage("kajian"),
        user=petugas,
        tanggal=datetime.date(2024, 10, 9),
        catatan="Xqinternal: saksi Sulastri dipanggil",
        alasan=alasan.pk,
    )
    move = RiwayatPerkara.objects.get(perkara=perkara, kind="tahap")
    assert (move.is_public, move.catatan, move.alasan_publik) == (True, alasan.text, alasan)
    note = RiwayatPerkara.objects.get(perkara=perkara, kind="catatan")
    assert note.is_public is False and note.catatan.startswith("Xqinternal")
    box = now_box(client, perkara)
    assert "Keterangan terakhir dari kantor (9 Oktober 2024): Menunggu kelengkapan berkas." in box
    body = client.get(CEK, {"nomor": perkara.nomor_register}).content.decode()
    assert "Xqinternal" not in body and "Sulastri" not in body
    audit = AuditEvent.objects.get(action="ppps.perkara_move", object_id=str(perkara.pk))
    assert audit.detail["alasan_publik"] == alasan.pk and audit.detail["publik"] is True


def test_a_later_edit_of_the_text_does_not_rewrite_what_was_published(
    client, perkara, petugas, alasan
):
    services.move_to_stage(perkara, stage("kajian"), user=petugas, alasan=alasan)
    alasan.text = "Teks baru"
    alasan.save()
    assert "Menunggu kelengkapan berkas." in now_box(client, perkara)


@pytest.mark.parametrize("which", ["other_office", "inactive", "missing", "garbage"])
def test_a_reason_of_another_office_or_an_inactive_one_is_refused(
    perkara, petugas, alasan, alasan_other, which
):
    if which == "inactive":
        alasan.is_active = False
        alasan.save()
    chosen = {
        "other_office": alasan_other.pk,
        "inactive": alasan.pk,
        "missing": 987654,
        "garbage": "1 OR 1=1",
    }[which]
    before = snapshot(perkara)
    with pytest.raises(ValidationError) as info:
        services.move_to_stage(perkara, stage("kajian"), user=petugas, alasan=chosen)
    assert "tidak ada di daftar kantor perkara ini" in " ".join(info.value.messages)
    assert "Teks kantor lain" not in " ".join(info.value.messages)
    assert snapshot(perkara) == before


def test_own_words_are_checked_for_party_data_and_refused(perkara, petugas):
    before = snapshot(perkara)
    with pytest.raises(ValidationError) as info:
        services.move_to_stage(
            perkara, stage("kajian"), user=petugas, teks_publik="Saksi SULASTRI wahyuningsih"
        )
    assert "tidak boleh memuat data pihak perkara" in " ".join(info.value.messages)
    assert snapshot(perkara) == before


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"teks_publik": "Kajian berjalan."}, "Pilih salah satu"),
        ({"stage": "klarifikasi"}, "tidak diumumkan"),
    ],
)
def test_two_public_texts_or_a_public_text_on_a_hidden_stage_are_refused(
    perkara, petugas, alasan, kwargs, words
):
    kwargs = dict(kwargs)
    target = stage(kwargs.pop("stage", "kajian"))
    before = snapshot(perkara)
    with pytest.raises(ValidationError) as info:
        services.move_to_stage(perkara, target, user=petugas, alasan=alasan, **kwargs)
    assert words in " ".join(info.value.messages)
    assert snapshot(perkara) == before


def test_the_move_form_offers_only_the_office_s_active_texts(
    client, perkara, petugas, alasan, alasan_other
):
    AlasanPublik.objects.create(office=perkara.office, text="Xqnonaktif", is_active=False)
    client.force_login(petugas)
    body = client.get(perkara.get_absolute_url()).content.decode()
    assert alasan.text in body
    assert "Teks kantor lain" not in body and "Xqnonaktif" not in body


def test_the_form_refuses_another_office_s_text_and_keeps_what_was_typed(
    client, perkara, petugas, alasan_other
):
    client.force_login(petugas)
    before = snapshot(perkara)
    response = client.post(
        reverse("ppps:perkara_move", args=[perkara.pk]),
        {
            "pindah-tahapan": stage("kajian").pk,
            "pindah-tanggal": "2024-10-09",
            "pindah-catatan": "Catatan yang diketik panjang",
            "pindah-alasan": alasan_other.pk,
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "tidak ada di daftar kantor ini" in body
    assert "Catatan yang diketik panjang</textarea>" in body
    assert snapshot(perkara) == before


def test_own_words_need_the_explicit_choice(client, perkara, petugas):
    client.force_login(petugas)
    before = snapshot(perkara)
    response = client.post(
        reverse("ppps:perkara_move", args=[perkara.pk]),
        {
            "pindah-tahapan": stage("kajian").pk,
            "pindah-tanggal": "2024-10-09",
            "pindah-teks_publik": "Kajian berjalan.",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tulis teks publik sendiri\u201d dicentang" in body
    assert "Kajian berjalan.</textarea>" in body
    assert snapshot(perkara) == before
    response = client.post(
        reverse("ppps:perkara_move", args=[perkara.pk]),
        {
            "pindah-tahapan": stage("kajian").pk,
            "pindah-tanggal": "2024-10-09",
            "pindah-tulis_sendiri": "on",
            "pindah-teks_publik": "Kajian berjalan.",
        },
    )
    assert response.status_code == 302
    assert RiwayatPerkara.objects.get(perkara=perkara, kind="tahap").catatan == "Kajian berjalan."


# --- the texts are each office's own data --------------------------------------------------


@pytest.fixture
def administrator(make_user, office):
    return make_user(roles.ADMINISTRATOR, office=office, is_staff=True)


def test_the_administrator_keeps_only_their_own_office_s_texts(
    client, administrator, alasan, alasan_other, office
):
    client.force_login(administrator)
    body = client.get(reverse("admin:ppps_alasanpublik_changelist")).content.decode()
    assert alasan.text in body and "Teks kantor lain" not in body
    other = reverse("admin:ppps_alasanpublik_change", args=[alasan_other.pk])
    assert client.get(other).status_code in {302, 404}  # hidden looks like missing
    response = client.post(
        other, {"office": alasan_other.office_id, "text": "Diubah", "order": 1, "is_active": "on"}
    )
    alasan_other.refresh_from_db()
    assert alasan_other.text == "Teks kantor lain." and alasan_other.office_id != office.pk
    # Added texts are the office's own, whatever office was posted.
    response = client.post(
        reverse("admin:ppps_alasanpublik_add"),
        {"office": alasan_other.office_id, "text": "Menunggu jadwal pleno.", "order": 5},
    )
    assert response.status_code == 200  # another office is not a valid choice
    assert not AlasanPublik.objects.filter(text="Menunggu jadwal pleno.").exists()
    response = client.post(
        reverse("admin:ppps_alasanpublik_add"),
        {"office": office.pk, "text": "Menunggu jadwal pleno.", "order": 5, "is_active": "on"},
    )
    assert response.status_code == 302
    added = AlasanPublik.objects.get(text="Menunggu jadwal pleno.")
    assert added.office_id == office.pk
    assert AuditEvent.objects.filter(
        action="ppps.alasan_publik_add", object_id=str(added.pk), office=office
    ).exists()
    assert AlasanPublik.objects.editable_by(administrator).filter(pk=alasan_other.pk).count() == 0


def test_a_duplicate_text_is_a_clear_form_error_not_a_500(client, administrator, alasan, office):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:ppps_alasanpublik_add"),
        {"office": office.pk, "text": alasan.text, "order": 5, "is_active": "on"},
    )
    assert response.status_code == 200
    assert AlasanPublik.objects.filter(text=alasan.text).count() == 1


def test_the_right_is_data_on_the_role_and_officers_do_not_hold_it(administrator, petugas):
    assert administrator.has_perm("ppps.change_alasanpublik")
    assert not petugas.has_perm("ppps.change_alasanpublik")
    assert AlasanPublik.objects.editable_by(petugas).count() == 0


def test_defaults_are_copied_once_into_each_office(office, other_office):
    AlasanPublik.objects.create(office=other_office, text="Teks sendiri")
    created = reference_data.copy_default_reasons([office.pk, other_office.pk])
    assert created == len(reference_data.DEFAULT_PUBLIC_REASONS)
    assert reference_data.copy_default_reasons([office.pk, other_office.pk]) == 0
    texts = set(AlasanPublik.objects.filter(office=office).values_list("text", flat=True))
    assert texts == set(reference_data.DEFAULT_PUBLIC_REASONS)
    assert AlasanPublik.objects.filter(office=other_office).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_migration_copies_the_defaults_into_every_existing_office():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("ppps", "0009_merge_law_and_stage_deadline_record")]
    after = [("ppps", "0010_public_reason_texts")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    office = old.get_model("sisp", "Office").objects.create(
        name="Bawaslu Kota Lama", code="K.UJ-09", slug="kota-lama", level="kota"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    texts = new.get_model("ppps", "AlasanPublik").objects.filter(office_id=office.pk)
    assert sorted(texts.values_list("text", flat=True)) == sorted(
        reference_data.DEFAULT_PUBLIC_REASONS
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
