"""A record's "Riwayat akses" shows labels and formatted values, not codes (issue 14 part 6)."""

from django.urls import reverse

from sisp import audit, roles


def test_riwayat_akses_names_actions_and_details_in_indonesian(
    client, make_naskah, make_user, office, unit
):
    ketua = make_user(roles.KETUA, office=office, unit=unit)
    naskah = make_naskah(office=office, unit=unit, created_by=ketua)
    audit.record("arsip.view", actor=ketua, obj=naskah, pratinjau=1)
    audit.record("arsip.download", actor=ketua, obj=naskah, versi=1, sha256="cd" * 32)
    audit.record("arsip.update", actor=ketua, obj=naskah, fields=["perihal"], kelas=["B", "T"])
    client.force_login(ketua)
    body = client.get(reverse("arsip:detail", args=[naskah.pk])).content.decode()
    riwayat = body[body.index('id="riwayat"') :]
    assert "Melihat naskah" in riwayat and "Mengunduh dokumen elektronik" in riwayat
    assert "Sidik jari dokumen elektronik (SHA-256): " + "cd" * 32 in riwayat
    assert "Isian yang diubah: Perihal / uraian" in riwayat
    assert "Kelas keamanan: Biasa/Terbuka (B) → Terbatas (T)" in riwayat
    for code in ("arsip.view", "arsip.download", "sha256:", "pratinjau:", "fields:"):
        assert code not in riwayat
