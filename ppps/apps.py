from django.apps import AppConfig
from django.db.models.signals import post_migrate

READ = ["ppps.access_ppps", "ppps.view_perkara", "ppps.view_pihak", "ppps.view_aduan"]
# Stages (and their limits), holidays and status words are the installation's shared rules:
# office roles see them; only the installation manager changes them (sisp.shared_rules).
# Elections are the office's own (Pemilihan has an office).
SHARED_RULE_MODELS = ["tahapan", "harilibur", "statusperkara"]
REFERENCE = [f"ppps.view_{model}" for model in SHARED_RULE_MODELS] + [
    f"ppps.{action}_pemilihan" for action in ("view", "add", "change")
]
# Rights on shared rules an earlier version gave Petugas PPPS and the Administrator; migrate
# takes them back from every group.
REVOKED_CODENAMES = [
    f"{action}_{model}" for model in SHARED_RULE_MODELS for action in ("add", "change", "delete")
]

# Each office's public reason texts (AlasanPublik) are its own data, kept by whoever holds
# these rights (the Administrator by default; the mapping is data on the role groups).
PUBLIC_REASONS = [f"ppps.{action}_alasanpublik" for action in ("view", "add", "change", "delete")]

# Who does what. Petugas PPPS handle cases and complaints; Ketua and Anggota (the commissioner
# coordinating the PPPS division is an Anggota) read everything of their office; the
# Administrator keeps the office's elections and public reason texts and sees the shared rules but no case (least
# privilege).
# Transferring a case to another office (pelimpahan) or taking one over from an office below
# (pengambilalihan, Perbawaslu 7/2022 Pasal 20) is an official's decision: Ketua and Anggota.
TRANSFER = "ppps.transfer_perkara"
ROLE_PERMISSIONS = {
    "Petugas PPPS": [*READ, "ppps.manage_perkara", "ppps.triage_aduan", *REFERENCE],
    "Ketua": [*READ, TRANSFER],
    "Anggota": [*READ, TRANSFER],
    "Administrator": [*REFERENCE, *PUBLIC_REASONS],
}


def _revoke_old_rights():
    from django.contrib.auth.models import Group, Permission

    rights = Permission.objects.filter(
        content_type__app_label="ppps", codename__in=REVOKED_CODENAMES
    )
    for group in Group.objects.filter(permissions__in=rights).distinct():
        group.permissions.remove(*rights)


def _attach_permissions(sender, **kwargs):
    from sisp.roles import grant_permissions

    from .reference_data import load_all

    grant_permissions(ROLE_PERMISSIONS)
    _revoke_old_rights()
    created = load_all()
    if created:
        _audit_loaded_rules(created)


def _audit_loaded_rules(created):
    """Rows the loader added (e.g. holidays of a new year after an upgrade of ``holidays``)
    are a change of shared rules like any other: deadlines they move are recomputed with a
    history event per case, and every office gets an audit entry."""
    from sisp import audit

    from .services import recompute_deadlines

    moved = recompute_deadlines(reason="data acuan bawaan Info PPPS dimuat saat pembaruan")
    audit.record_for_offices(
        "rules.load",
        actor=None,
        detail_for={office_id: {"perkara_berubah": ids} for office_id, ids in moved.items()},
        model="Info PPPS (tahapan, status, hari libur)",
        created=created,
    )


# The trail keeps codes and ids; the audit page names them. Names are read once per
# NAMES_SECONDS for all rows (a page of 50 moves costs one query, not 50); a renamed stage
# shows its new name on the trail at most that long after.
NAMES_SECONDS = 300


def _stage_name(code):
    """A stage code of the trail ("kajian") as its name ("Kajian awal"); the code when no
    stage has it any more. A code shared by the regimes' stages names each name once."""
    from django.core.cache import cache

    from .models import Tahapan

    def load():
        names = {}
        for stage_code, name in Tahapan.objects.order_by("order").values_list("code", "name"):
            names.setdefault(stage_code, [])
            if name not in names[stage_code]:
                names[stage_code].append(name)
        return names

    names = cache.get_or_set("ppps:audit:stage-names", load, NAMES_SECONDS)
    return " / ".join(names.get(code, [])) or code


def _reason_text(pk):
    """A public reason of the trail (its id) as the text /cek/ showed; "#id" when gone."""
    from django.core.cache import cache

    from .models import AlasanPublik

    texts = cache.get_or_set(
        "ppps:audit:reason-texts",
        lambda: dict(AlasanPublik.objects.values_list("pk", "text")),
        NAMES_SECONDS,
    )
    try:
        text = texts.get(int(pk))
    except (TypeError, ValueError):
        return str(pk)
    return f"«{text}»" if text else f"#{pk}"


class PppsConfig(AppConfig):
    name = "ppps"
    verbose_name = "Info PPPS"
    # Tables the app's database role may only read and append to (sisp/dbroles.py).
    append_only_models = ["RiwayatPerkara", "Pelimpahan"]
    portal_module = {
        "title": "Info PPPS",
        "url_name": "ppps:index",
        "permission": "ppps.access_ppps",
        "icon": "PP",
        "description": "Penanganan pelanggaran dan sengketa: perkara, tahapan, batas waktu, aduan.",
        "keywords": "pelanggaran, laporan, temuan, sengketa, aduan, posko aduan, register, batas waktu",
        "order": 20,
    }

    def volume_sources(self, user, unit):
        """Count sources for the ABK form's volume suggestions (abk_anjab/volumes.py)."""
        from .volumes import sources

        return sources(user, unit)

    def volume_counts(self, user, unit, year, keys):
        """``{key: number}`` for the ABK form: counts only, from this app's access door."""
        from .volumes import counts

        return counts(user, unit, year, keys)

    def volume_label(self, key):
        from .volumes import label

        return label(key)

    def waiting_for(self, user):
        """This app's items of the portal's "Menunggu Anda" panel (sisp.queues)."""
        from .queues import waiting_for

        return waiting_for(user)

    def ready(self):
        from sisp.audit import ACTION_LABELS
        from sisp.audit_labels import COUNT, DATE, DETAIL_LABELS, REF

        from . import public_cache  # noqa: F401  (connects the cache's invalidation signals)

        post_migrate.connect(_attach_permissions, sender=self)
        ACTION_LABELS["ppps.deadline_moved"] = "Batas waktu perkara berubah (aturan bersama)"
        ACTION_LABELS["ppps.aduan_link"] = "Aduan ditautkan ke perkara baru"
        ACTION_LABELS["ppps.alasan_publik_add"] = "Alasan publik ditambahkan"
        ACTION_LABELS["ppps.alasan_publik_change"] = "Alasan publik diubah"
        ACTION_LABELS["ppps.alasan_publik_delete"] = "Alasan publik dihapus"
        ACTION_LABELS.update(
            {
                "ppps.perkara_receive": "Menerima laporan perkara",
                "ppps.perkara_register": "Meregistrasi perkara",
                "ppps.perkara_move": "Memindahkan perkara ke tahapan berikutnya",
                "ppps.perkara_extend": "Memperpanjang batas waktu perkara",
                "ppps.perkara_note": "Menambah catatan riwayat perkara",
                "ppps.perkara_edit": "Mengubah data perkara",
                "ppps.perkara_pin_reset": "Membuat PIN baru perkara",
                "ppps.pihak_save": "Menyimpan data pihak perkara",
                "ppps.pemilihan_save": "Menyimpan data pemilihan",
                "ppps.dokumen_upload": "Mengunggah dokumen perkara",
                "ppps.dokumen_download": "Mengunduh dokumen perkara",
                "ppps.pelapor_view": "Pelapor membuka halaman perkaranya",
                "ppps.pelapor_download": "Pelapor mengunduh dokumen perkaranya",
                "ppps.aduan_submit": "Aduan masuk",
                "ppps.aduan_triage": "Menindaklanjuti aduan",
                "ppps.aduan_lampiran_download": "Mengunduh lampiran aduan",
                "ppps.aduan_anonymise": "Menghapus data pribadi aduan lama",
                # No longer written (the "Menunggu Anda" digest, sisp/digest.py, took its
                # place); older trail entries still carry it.
                "ppps.deadline_digest": "Mengirim ringkasan batas waktu perkara",
            }
        )
        from .models import Pihak, RiwayatPerkara

        DETAIL_LABELS.update(
            {
                "perkara": ("Perkara", REF),
                "alasan_publik": ("Alasan publik", _reason_text),
                "publik": ("Diumumkan di halaman publik", lambda v: "ya" if v else "tidak"),
                "teks_sendiri": ("Teks publik ditulis sendiri", lambda v: "ya" if v else "tidak"),
                "dokumen": ("Dokumen perkara", REF),
                "lampiran": ("Lampiran aduan", REF),
                "tahapan": ("Tahapan", _stage_name),
                "peran": ("Peran pihak", lambda v: Pihak.Peran(v).label if v in Pihak.Peran else v),
                "kind": (
                    "Jenis catatan",
                    lambda v: RiwayatPerkara.Kind(v).label if v in RiwayatPerkara.Kind else v,
                ),
                "lama": ("Batas waktu lama", DATE),
                "baru": ("Batas waktu baru", DATE),
                "cases": ("Jumlah perkara", COUNT),
            }
        )
        ACTION_LABELS["ppps.perkara_transfer"] = "Melimpahkan / mengambil alih perkara"

    def holiday_dates(self, start, end):
        """The installation's holiday calendar for ``sisp.holiday_calendar``: {date: reason}."""
        from .models import HariLibur

        return HariLibur.objects.labels(start, end)

    def sensitive_roles(self):
        """Roles that read the parties of a case (reporters, witnesses, their NIK)."""
        from django.contrib.auth.models import Group

        return set(
            Group.objects.filter(
                permissions__content_type__app_label="ppps", permissions__codename="view_pihak"
            ).values_list("name", flat=True)
        )

    def region_counts(self, office_ids):
        """Open cases and cases past their deadline per office (aggregates only).

        The same cases as ``Perkara.objects.open()`` and ``.overdue()`` (a test holds them
        equal), counted in one pass: grouped by office and status on the index
        ``perkara_office_status_deadline`` (an index-only scan, no join per case), the final
        statuses then dropped from the few groups. "Past the deadline" moves with the clock,
        so it is counted on each view, never stored."""
        from django.db.models import Count, Q
        from django.utils import timezone

        from .models import Perkara, StatusPerkara

        final = set(StatusPerkara.objects.filter(is_final=True).values_list("pk", flat=True))
        late = Q(batas_waktu__lt=timezone.localdate()) | Q(batas_waktu_pada__lt=timezone.now())
        rows = (
            Perkara.objects.filter(office_id__in=office_ids)
            .order_by()
            .values("office_id", "status_id")
            # COUNT of a column of the index (never of the id), so the heap is not read.
            .annotate(n=Count("office_id"), late=Count("office_id", filter=late))
        )
        total: dict[int, int] = {}
        overdue: dict[int, int] = {}
        for row in rows:
            if row["status_id"] in final:
                continue
            office_id = row["office_id"]
            total[office_id] = total.get(office_id, 0) + row["n"]
            if row["late"]:
                overdue[office_id] = overdue.get(office_id, 0) + row["late"]
        return [("Perkara berjalan", total), ("Lewat batas waktu", overdue)]

    def seed_demo(self, offices, users):
        from .demo import seed_demo

        seed_demo(offices, users)
