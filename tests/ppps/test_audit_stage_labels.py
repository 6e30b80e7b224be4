"""The audit trail names a case's stage and public reason, not their code or id (issue 14
part 6: "Tahapan: kajian" read as a code)."""

import datetime

from django.urls import reverse

from ppps import services
from ppps.models import AlasanPublik, Jenis, Tahapan
from sisp import roles


def _trail(client, reader):
    client.force_login(reader)
    body = client.get(reverse("sisp:audit_list")).content.decode()
    return body[body.index("<tbody>") : body.index("</tbody>")]


def test_a_stage_move_shows_the_stage_name_and_the_reason_text(
    client, make_user, office, make_perkara, petugas
):
    perkara = make_perkara(jenis=Jenis.LAPORAN, tanggal_diterima=datetime.date(2026, 3, 2))
    services.register_perkara(perkara, user=petugas, tanggal=datetime.date(2026, 3, 2))
    stage = Tahapan.objects.get(regime=perkara.pemilihan.regime, jenis=Jenis.LAPORAN, code="kajian")
    reason = AlasanPublik.objects.create(office=office, text="Sedang dikaji oleh petugas")
    services.move_to_stage(
        perkara, stage, user=petugas, tanggal=datetime.date(2026, 3, 2), alasan=reason
    )
    body = _trail(client, make_user(roles.ADMINISTRATOR, office=office))
    assert f"Tahapan: {stage.name}" in body
    assert "Tahapan: kajian" not in body
    assert "Alasan publik: «Sedang dikaji oleh petugas»" in body
    assert f"Alasan publik: #{reason.pk}" not in body


def test_a_stage_code_no_stage_has_any_more_still_shows_as_written(client, make_user, office):
    from sisp import audit

    admin = make_user(roles.ADMINISTRATOR, office=office)
    audit.record("ppps.perkara_move", actor=admin, tahapan="tahap-lama", alasan_publik=999999)
    body = _trail(client, admin)
    assert "Tahapan: tahap-lama" in body and "Alasan publik: #999999" in body
