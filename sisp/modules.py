"""Internal modules shown on the portal.

An app offers itself to the portal by giving its AppConfig a ``portal_module`` dict:
``{"title", "url_name", "permission", "icon", "description", "order"}``. The portal shows it to
users who hold the permission, so which roles see a module is role data, not code.
"""

from django.apps import apps
from django.urls import NoReverseMatch, reverse


def modules_for(user):
    found = []
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
