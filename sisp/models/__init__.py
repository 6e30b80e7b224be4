from .audit import AuditEvent
from .offices import Office, Unit, User
from .portal import Favorite, Link, LinkCategory, LinkClick, Pengumuman

__all__ = [
    "AuditEvent",
    "Favorite",
    "Link",
    "LinkCategory",
    "LinkClick",
    "Office",
    "Pengumuman",
    "Unit",
    "User",
]
