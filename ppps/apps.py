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

# Who does what. Petugas PPPS handle cases and complaints; Ketua and Anggota (the commissioner
# coordinating the PPPS division is an Anggota) read everything of their office; the
# Administrator keeps the office's elections and sees the shared rules but no case (least
# privilege).
# Transferring a case to another office (pelimpahan) or taking one over from an office below
# (pengambilalihan, Perbawaslu 7/2022 Pasal 20) is an official's decision: Ketua and Anggota.
TRANSFER = "ppps.transfer_perkara"
ROLE_PERMISSIONS = {
    "Petugas PPPS": [*READ, "ppps.manage_perkara", "ppps.triage_aduan", *REFERENCE],
    "Ketua": [*READ, TRANSFER],
    "Anggota": [*READ, TRANSFER],
    "Administrator": REFERENCE,
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

    def waiting_for(self, user):
        """This app's items of the portal's "Menunggu Anda" panel (sisp.queues)."""
        from .queues import waiting_for

        return waiting_for(user)

    def ready(self):
        from sisp.audit import ACTION_LABELS

        from . import public_cache  # noqa: F401  (connects the cache's invalidation signals)

        post_migrate.connect(_attach_permissions, sender=self)
        ACTION_LABELS["ppps.deadline_moved"] = "Batas waktu perkara berubah (aturan bersama)"
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
        """Open cases and cases past their deadline per office (aggregates only)."""
        from django.db.models import Count

        from .models import Perkara

        open_cases = Perkara.objects.open().filter(office_id__in=office_ids)
        total = dict(open_cases.values_list("office_id").annotate(n=Count("id")))
        overdue = dict(open_cases.overdue().values_list("office_id").annotate(n=Count("id")))
        return [("Perkara berjalan", total), ("Lewat batas waktu", overdue)]

    def seed_demo(self, offices, users):
        from .demo import seed_demo

        seed_demo(offices, users)
