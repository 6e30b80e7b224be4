"""Roles are Django groups. Their names are data (a data migration creates them); this module
only knows the canonical names so code can ask "is this user a Ketua?".

Each app attaches its own permissions to roles with ``grant_permissions`` from a post_migrate
receiver, so the mapping is idempotent and survives a database flush.
"""

from django.contrib.auth.models import Group, Permission

KETUA = "Ketua"
ANGGOTA = "Anggota"
KOORDINATOR_SEKRETARIAT = "Koordinator Sekretariat"
KEPALA_SUBBAGIAN = "Kepala Subbagian"
STAF = "Staf"
ARSIPARIS = "Arsiparis"
PETUGAS_PPPS = "Petugas PPPS"
ADMINISTRATOR = "Administrator"
# The internal auditor (Inspektorat) of Perbawaslu 12/2020: reads every class for audits.
PENGAWAS_INTERNAL = "Pengawas Internal"

# The installation manager (Pengelola Instalasi) is not an office role but the one account
# kind that owns the installation's shared rules (role permissions, security classes, access
# matrix, filing codes, JRA, case stages, holidays, status words) and its offices. It is a
# Django superuser; office roles never hold ``change_*`` on shared rules.
PENGELOLA_INSTALASI = "Pengelola Instalasi"

ALL_ROLES = [
    KETUA,
    ANGGOTA,
    KOORDINATOR_SEKRETARIAT,
    KEPALA_SUBBAGIAN,
    STAF,
    ARSIPARIS,
    PETUGAS_PPPS,
    ADMINISTRATOR,
    PENGAWAS_INTERNAL,
]

# Leaders in the sense of Perbawaslu 12/2020: top leaders and the leaders of a scope.
TOP_LEADERS = [KETUA, ANGGOTA]
SCOPE_LEADERS = [KOORDINATOR_SEKRETARIAT, KEPALA_SUBBAGIAN]
LEADERS = TOP_LEADERS + SCOPE_LEADERS

SISP_ROLE_PERMISSIONS = {
    ADMINISTRATOR: [
        "sisp.manage_portal",
        "sisp.view_auditevent",
        "sisp.add_user",
        "sisp.change_user",
        "sisp.view_user",
        "sisp.view_office",
        "sisp.change_office",
        "sisp.view_unit",
        "sisp.add_unit",
        "sisp.change_unit",
        "sisp.add_link",
        "sisp.change_link",
        "sisp.delete_link",
        "sisp.view_link",
        "sisp.add_linkcategory",
        "sisp.change_linkcategory",
        "sisp.delete_linkcategory",
        "sisp.view_linkcategory",
        "sisp.add_pengumuman",
        "sisp.change_pengumuman",
        "sisp.delete_pengumuman",
        "sisp.view_pengumuman",
        # Role groups and their permissions are installation data: office roles may look,
        # only the installation manager (a superuser) adds, changes or deletes them.
        "auth.view_group",
        # Files requests for sensitive roles; a second person decides them.
        "sisp.add_rolerequest",
        "sisp.view_rolerequest",
    ],
    KETUA: ["sisp.view_region_summary", "sisp.view_rolerequest", "sisp.decide_rolerequest"],
    ANGGOTA: ["sisp.view_region_summary"],
    KOORDINATOR_SEKRETARIAT: ["sisp.view_region_summary"],
    # Reading their office's trail is the internal auditor's job.
    PENGAWAS_INTERNAL: ["sisp.view_auditevent"],
}


# Rights an earlier version gave office roles; taken back on every migrate (sisp/apps.py).
# No office role ever holds a write right on the role groups themselves.
SISP_REVOKED = {
    role: ["auth.add_group", "auth.change_group", "auth.delete_group"] for role in ALL_ROLES
}


def is_installation_manager(user):
    """True for the installation manager (an active superuser), the only one who may change
    the installation's shared rules and its offices."""
    return bool(user is not None and user.is_active and user.is_superuser)


def sensitive_role_names():
    """Names of the roles that open secrets: classified records (above Biasa) or the parties of
    a case, plus Pengawas Internal. Such a role is given only with a second person's approval
    and may require two-factor sign-in.

    Each app answers for its own data through an optional ``sensitive_roles()`` method on its
    AppConfig (a set of group names), like ``region_counts``.
    """
    from django.apps import apps

    names = {PENGAWAS_INTERNAL}
    for config in apps.get_app_configs():
        method = getattr(config, "sensitive_roles", None)
        if method is not None:
            names |= set(method())
    return names


def ensure_roles():
    """Create any missing role group. Returns the groups by name."""
    return {name: Group.objects.get_or_create(name=name)[0] for name in ALL_ROLES}


def grant_permissions(mapping):
    """Attach ``{role: ["app_label.codename", ...]}`` to the role groups (idempotent).

    Permissions that do not exist yet are skipped: Django creates them at the end of migrate,
    and this runs again from post_migrate after that.
    """
    groups = ensure_roles()
    for role, perms in mapping.items():
        wanted = []
        for dotted in perms:
            app_label, codename = dotted.split(".", 1)
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm:
                wanted.append(perm)
        groups[role].permissions.add(*wanted)


def revoke_permissions(mapping):
    """Take ``{role: ["app_label.codename", ...]}`` away from the role groups (idempotent)."""
    for role, perms in mapping.items():
        group = Group.objects.filter(name=role).first()
        if group is None:
            continue
        for dotted in perms:
            app_label, codename = dotted.split(".", 1)
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
