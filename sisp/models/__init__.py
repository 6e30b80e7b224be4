from .audit import AuditEvent
from .digest import DigestSent
from .offices import Office, Unit, User
from .portal import Favorite, Link, LinkCategory, LinkClick, Pengumuman
from .role_requests import RoleRequest
from .tallies import OfficeTally
from .tasks import WorkerHeartbeat

__all__ = [
    "AuditEvent",
    "DigestSent",
    "Favorite",
    "Link",
    "LinkCategory",
    "LinkClick",
    "Office",
    "OfficeTally",
    "Pengumuman",
    "RoleRequest",
    "Unit",
    "User",
    "WorkerHeartbeat",
]
