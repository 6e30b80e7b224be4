"""Django admin for Administrators. Every list is limited to the Administrator's own office
(superusers without an office see all); the audit trail is read-only here too. Installation
data (role groups, offices' identity and parents) is changed by the installation manager only."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import format_html

from .models import AuditEvent, Link, LinkCategory, Office, Pengumuman, Unit, User
from .roles import is_installation_manager, sensitive_role_names
from .shared_rules import SharedRuleAdmin, record_change


class ReadOnlyAdminMixin:
    """Rows written only by their services (which audit): the admin lists and shows them and
    never adds, changes or deletes one. Works for model admins and inlines alike."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OfficeScopedAdmin(admin.ModelAdmin):
    """The one office-scoped admin base: every row of the user's own office, reached through
    ``office_field`` (a lookup path such as ``"usulan__office"`` is allowed). The installation
    manager without an office sees every office's rows unless ``manager_sees_all`` is off (for
    rows whose very titles are an office's business, such as disposal proposals)."""

    office_field = "office"
    manager_sees_all = True

    def _own_office(self, request):
        user = request.user
        return None if user.is_superuser and not user.office_id else user.office_id

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        office_id = self._own_office(request)
        if office_id is None and request.user.is_superuser and self.manager_sees_all:
            return qs
        return qs.filter(**{f"{self.office_field}_id": request.user.office_id})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        office_id = self._own_office(request)
        if office_id is not None:
            if db_field.name == "office":
                kwargs["queryset"] = Office.objects.filter(pk=office_id)
            elif db_field.name in ("unit", "category", "parent") and hasattr(
                db_field.related_model, "office"
            ):
                kwargs["queryset"] = db_field.related_model.objects.filter(office_id=office_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "code", "parent", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}

    # Offices, their levels, codes, slugs and parents are installation data; an office
    # Administrator keeps only their own office's contact details up to date.
    identity_fields = [
        "name",
        "short_name",
        "level",
        "parent",
        "code",
        "bawaslu_code",
        "slug",
        "is_active",
    ]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if is_installation_manager(request.user):
            return qs
        return qs.filter(pk=request.user.office_id)

    def get_readonly_fields(self, request, obj=None):
        if is_installation_manager(request.user):
            return super().get_readonly_fields(request, obj)
        return self.identity_fields

    def get_prepopulated_fields(self, request, obj=None):
        if is_installation_manager(request.user):
            return super().get_prepopulated_fields(request, obj)
        return {}

    def has_add_permission(self, request):
        return is_installation_manager(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_installation_manager(request.user)


admin.site.unregister(Group)


def _permission_names(group):
    return sorted(
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    )


@admin.register(Group)
class GroupAdmin(SharedRuleAdmin, BaseGroupAdmin):
    """Role groups and their permissions are a shared rule of the installation: only the
    installation manager changes them, and every office reads the change in its trail."""

    def save_related(self, request, form, formsets, change):
        # Permissions are many-to-many: saved after the row, so compared here.
        before = _permission_names(form.instance) if change else []
        super().save_related(request, form, formsets, change)
        after = _permission_names(form.instance)
        if before != after:
            added = sorted(set(after) - set(before))
            removed = sorted(set(before) - set(after))
            record_change(
                "rules.change",
                form.instance,
                request=request,
                changes={"permissions": [before, after]},
                hak_ditambah=added,
                hak_dicabut=removed,
            )


@admin.register(Unit)
class UnitAdmin(OfficeScopedAdmin):
    list_display = ["name", "kind", "office", "parent", "order"]
    list_filter = ["kind"]
    search_fields = ["name"]


# The admin renders help text as HTML; this one is a constant apart from the URL.
SENSITIVE_ROLE_HELP = (
    "Peran yang membuka arsip rahasia atau data pihak perkara (juga Pengawas Internal) hanya "
    'diberikan dengan persetujuan orang kedua: ajukan di halaman <a href="{}">Persetujuan '
    "peran</a>, lalu Ketua kantor atau Pengelola Instalasi memutuskannya. Mencabut peran "
    "tidak perlu persetujuan. Tidak ada yang dapat mengubah perannya sendiri."
)


class RoleGuardMixin:
    """Refuses, in the admin's user forms, a sensitive role added by anyone but the installation
    manager. ``acting_user`` is set by ``UserAdmin.get_form`` (the admin builds forms without
    the request).

    The rule: a role in ``sensitive_role_names()`` reaches a user only through a second person,
    i.e. an approved ``RoleRequest`` (filed by one person, decided by the office's Ketua or the
    installation manager). The installation manager is that second person for the whole
    installation, so they may assign directly — never to themselves (their own roles are
    read-only, and a superuser needs no roles anyway).
    """

    acting_user = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "groups" in self.fields:
            self.fields["groups"].help_text = format_html(
                SENSITIVE_ROLE_HELP, reverse("sisp:role_request_add")
            )
        if "office" in self.fields and not is_installation_manager(self.acting_user):
            # Only the installation manager's technical accounts have no office.
            self.fields["office"].required = True

    def clean_groups(self):
        groups = self.cleaned_data.get("groups")
        if groups is None or is_installation_manager(self.acting_user):
            return groups
        held = set(self.instance.groups.values_list("pk", flat=True)) if self.instance.pk else set()
        sensitive = sensitive_role_names()
        added = sorted(g.name for g in groups if g.pk not in held and g.name in sensitive)
        if added:
            raise ValidationError(
                "Peran %(roles)s membuka arsip rahasia atau data pihak perkara dan hanya "
                "diberikan dengan persetujuan orang kedua. Simpan tanpa peran itu, lalu ajukan "
                "permohonan di halaman Persetujuan peran (/portal/peran/).",
                code="sensitive_role_needs_approval",
                params={"roles": ", ".join(added)},
            )
        return groups


@admin.register(User)
class UserAdmin(OfficeScopedAdmin, BaseUserAdmin):
    list_display = ["username", "get_full_name", "office", "unit", "jabatan", "is_active"]
    list_filter = ["is_active", "groups"]
    search_fields = ["username", "first_name", "last_name", "nip", "email"]
    fieldsets = BaseUserAdmin.fieldsets + (
        ("Kepegawaian", {"fields": ("office", "unit", "jabatan", "nip")}),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        ("Kepegawaian", {"fields": ("office", "unit", "jabatan", "nip", "groups")}),
    )

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if is_installation_manager(request.user):
            return qs
        # An office Administrator never manages the installation manager's account (or any
        # superuser's), even one attached to their office.
        return qs.filter(is_superuser=False)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (RoleGuardMixin, form), {"acting_user": request.user})

    def _holds_secrets_of_another(self, request, obj):
        """True when ``obj`` is someone else holding a sensitive role and the acting user is
        not the installation manager. Setting such a user's password or e-mail would let an
        Administrator take over the account and so reach the secrets without a second person;
        only the installation manager (or the user, through their own password pages) does."""
        if obj is None or obj.pk == request.user.pk or is_installation_manager(request.user):
            return False
        return obj.groups.filter(name__in=sensitive_role_names()).exists()

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            # Nobody changes their own roles, not even a role that opens nothing.
            readonly += ["groups", "is_superuser", "user_permissions"]
        if self._holds_secrets_of_another(request, obj):
            readonly += ["username", "email"]
        return readonly

    def user_change_password(self, request, id, form_url=""):
        if self._holds_secrets_of_another(request, self.get_object(request, unquote(id))):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if is_installation_manager(request.user):
            return fieldsets
        # Administrators manage roles (groups), never superuser status or raw permissions.
        cleaned = []
        for name, opts in fieldsets:
            fields = [f for f in opts["fields"] if f not in ("is_superuser", "user_permissions")]
            cleaned.append((name, {**opts, "fields": fields}))
        return cleaned


@admin.register(LinkCategory)
class LinkCategoryAdmin(OfficeScopedAdmin):
    list_display = ["name", "office", "order"]


@admin.register(Link)
class LinkAdmin(OfficeScopedAdmin):
    list_display = ["title", "category", "office", "is_active", "is_down", "last_checked_at"]
    list_filter = ["is_active", "is_down"]
    search_fields = ["title", "url"]
    filter_horizontal = ["roles"]


@admin.register(Pengumuman)
class PengumumanAdmin(OfficeScopedAdmin):
    list_display = ["text", "office", "level", "starts_on", "ends_on"]


class _ActionFilter(admin.SimpleListFilter):
    """The trail's actions by their labels (sisp.audit.ACTION_LABELS), not their codes."""

    title = "tindakan"
    parameter_name = "action"

    def lookups(self, request, model_admin):
        from .audit import action_label

        codes = model_admin.get_queryset(request).order_by().values_list("action", flat=True)
        return sorted(((c, action_label(c)) for c in set(codes)), key=lambda item: item[1])

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, OfficeScopedAdmin):
    # Labels for people (sisp.audit_labels); the stored codes below them, under "Data asli".
    list_display = ["created_at", "actor_username", "tindakan", "objek", "ip_address"]
    readonly_fields = ["tindakan", "objek", "rincian_terbaca"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "created_at",
                    "office",
                    "actor_username",
                    "tindakan",
                    "objek",
                    "rincian_terbaca",
                    "ip_address",
                ]
            },
        ),
        ("Data asli", {"fields": ["action", "object_type", "object_id", "object_repr", "detail"]}),
    ]
    list_filter = [_ActionFilter]
    search_fields = ["actor_username", "object_repr", "action"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        # The same door as the audit page; only the installation manager without an office
        # reads every office's trail.
        qs = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser and not request.user.office_id:
            return qs
        return qs.for_office_of(request.user)

    @admin.display(description="tindakan", ordering="action")
    def tindakan(self, obj):
        return obj.action_label

    @admin.display(description="objek")
    def objek(self, obj):
        return obj.object_label

    @admin.display(description="rincian (terbaca)")
    def rincian_terbaca(self, obj):
        from .audit_labels import detail_text

        return detail_text(obj.detail, obj.object_type)


def _unregister_second_factor_devices():
    """Second-factor devices are not edited in the admin: enrolment is the user's own (the
    enrolment page), and removing one is the reset with a second person (``reset_2fa``)."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (TOTPDevice, StaticDevice):
        if admin.site.is_registered(model):
            admin.site.unregister(model)


_unregister_second_factor_devices()
