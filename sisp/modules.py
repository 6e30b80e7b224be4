"""Internal modules shown on the portal.

An app offers itself to the portal by giving its AppConfig a ``portal_module`` dict:
``{"title", "url_name", "permission", "icon", "description", "keywords", "order"}``. The portal shows it to
users who hold the permission, so which roles see a module is role data, not code.
"""

from django.apps import apps
from django.urls import NoReverseMatch, reverse

# SISP's own tools, shown beside the modules to the users who hold the permission.
SISP_TOOLS = [
    {
        "title": "Kelola portal",
        "url_name": "sisp:manage",
        "permission": "sisp.manage_portal",
        "icon": "⚙",
        "description": "Tautan, kategori, pengumuman, dan jumlah klik.",
        "keywords": "tautan, kategori, pengumuman, klik, statistik, spbe",
        "order": 90,
    },
    {
        "title": "Jejak audit",
        "url_name": "sisp:audit_list",
        "permission": "sisp.view_auditevent",
        "icon": "🔍",
        "description": "Siapa melakukan apa, kapan, dari mana. Saring dan ekspor.",
        "keywords": "log, riwayat, aktivitas, audit, pengawasan internal",
        "order": 91,
    },
    {
        "title": "Pengguna dan unit kerja",
        "url_name": "admin:index",
        "permission": "sisp.change_user",
        "icon": "👥",
        "description": "Kelola akun pegawai, peran, dan unit kerja kantor.",
        "keywords": "akun, pegawai, unit, peran, admin",
        "order": 92,
    },
    {
        "title": "Persetujuan peran",
        "url_name": "sisp:role_requests",
        "permission": "sisp.decide_rolerequest",
        "icon": "✓",
        "description": "Setujui atau tolak permohonan peran yang membuka data rahasia.",
        "keywords": "peran, hak akses, persetujuan",
        "order": 92,
    },
    {
        "title": "Permohonan peran",
        "url_name": "sisp:role_requests",
        "permission": "sisp.add_rolerequest",
        "icon": "✓",
        "description": "Ajukan peran yang membuka data rahasia; orang kedua memutuskannya.",
        "keywords": "peran, hak akses, permohonan",
        "order": 92,
    },
    {
        "title": "Rekap wilayah",
        "url_name": "sisp:region_summary",
        "permission": "sisp.view_region_summary",
        "icon": "Σ",
        "description": "Angka agregat kantor-kantor di bawah kantor Anda.",
        "keywords": "rekap, kabupaten, kota, provinsi, wilayah",
        "order": 93,
        "needs_children": True,
    },
]


def modules_for(user):
    found = []
    has_children = None
    for spec in SISP_TOOLS:
        if not user.has_perm(spec["permission"]):
            continue
        if spec.get("needs_children"):
            if has_children is None:
                has_children = bool(user.office_id) and user.office.children.exists()
            if not has_children:
                continue
        if spec["url_name"] == "admin:index" and not user.is_staff:
            continue
        if any(f["url_name"] == spec["url_name"] for f in found):
            continue  # one tile per page (the installation manager holds every permission)
        found.append({**spec, "url": reverse(spec["url_name"])})
    for config in apps.get_app_configs():
        spec = getattr(config, "portal_module", None)
        if not spec or not user.has_perm(spec["permission"]):
            continue
        try:
            url = reverse(spec["url_name"])
        except NoReverseMatch:
            continue
        found.append({**spec, "url": url})
    return sorted(found, key=lambda m: (m.get("order", 50), m["title"]))
