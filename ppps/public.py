"""What a public page may show of a case (domain note, "What the public may see").

Public views get only the dict built here, never a model instance with relations to follow,
so a template cannot reach a party or a document by accident. Nothing here reads ``Pihak``.
"""

from django.utils import timezone

from . import conf, services
from .models import Perkara, RiwayatPerkara


def public_facts(perkara, today=None):
    today = today or timezone.localdate()
    state = perkara.deadline_state(today, services.holidays_for(perkara.tahap_mulai))
    timeline = [
        {
            "tanggal": e.tanggal,
            "peristiwa": e.get_kind_display(),
            "tahapan": e.tahapan.name if e.tahapan_id and e.tahapan.is_public else "",
            "status": e.status.name if e.status_id else "",
            "catatan": e.catatan,
        }
        for e in RiwayatPerkara.objects.public()
        .filter(perkara=perkara)
        .select_related("tahapan", "status")
    ]
    stage_public = perkara.tahapan.is_public
    return {
        "nomor_register": perkara.nomor_register,
        "jenis": perkara.get_jenis_display(),
        "pemilihan": perkara.pemilihan.name,
        "regime": perkara.pemilihan.get_regime_display(),
        "kantor": perkara.office.name,
        "tanggal_diterima": perkara.tanggal_diterima,
        "tanggal_registrasi": perkara.tanggal_registrasi,
        # A non-public stage (e.g. klarifikasi) shows as the last public one's continuation.
        "tahapan": perkara.tahapan.name if stage_public else "Dalam penanganan",
        "batas_waktu": state.deadline if stage_public else None,
        "status": perkara.status.name if perkara.status_id else "",
        "tindak_lanjut": perkara.get_tindak_lanjut_display() if perkara.tindak_lanjut else "",
        "tindak_lanjut_keterangan": perkara.tindak_lanjut_keterangan,
        "jenis_pelanggaran": perkara.public_violation(),
        "terlapor": perkara.terlapor_inisial if conf.public_terlapor() == "initials" else "",
        "ringkasan": perkara.ringkasan_publik,
        "terakhir_diperbarui": perkara.updated_at,
        "timeline": timeline,
    }


def find_public(text):
    """Cases matching a typed register number, with what their public page needs."""
    return list(
        Perkara.objects.with_register(text).select_related(
            "pemilihan", "tahapan", "status", "office"
        )[:5]
    )
