import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import Group

from .models import Link, LinkCategory, Pengumuman
from .roles import ALL_ROLES


class RowIdField(forms.IntegerField):
    """A row id as the database holds it (1 to 2**63 - 1); anything else is invalid."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(**kwargs)


def row_id(value):
    """``value`` read by a RowIdField: the id, or None when it is empty or not an id."""
    try:
        return RowIdField(required=False).clean(value)
    except forms.ValidationError:
        return None


def row_ids(values):
    """The ids among posted ``values``; anything else (a tampered form) is left out."""
    return [pk for pk in map(row_id, values) if pk is not None]


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar/kecil. Setelah "
            "beberapa kali salah, akun dikunci sementara."
        ),
        "inactive": "Akun ini tidak aktif. Hubungi Administrator kantor Anda.",
    }


class OfficeScopedForm(forms.ModelForm):
    """A form for an office's own rows: the office comes from the signed-in user, never from
    the request body."""

    def __init__(self, *args, office, **kwargs):
        self.office = office
        super().__init__(*args, **kwargs)

    def save(self, commit=True):
        self.instance.office = self.office
        return super().save(commit=commit)


class LinkForm(OfficeScopedForm):
    roles = forms.ModelMultipleChoiceField(
        label="Peran yang boleh melihat",
        queryset=Group.objects.filter(name__in=ALL_ROLES).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pilih sedikitnya satu peran yang boleh melihat tautan ini."},
    )

    class Meta:
        model = Link
        fields = [
            "category",
            "title",
            "url",
            "icon",
            "description",
            "keywords",
            "roles",
            "order",
            "opens_new_tab",
            "is_active",
        ]
        error_messages = {
            "url": {"invalid": "Masukkan alamat lengkap, mis. https://sigaplapor.bawaslu.go.id."},
            "title": {"required": "Judul tautan wajib diisi."},
            "category": {"required": "Pilih kategori tautan."},
        }

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, office=office, **kwargs)
        self.fields["category"].queryset = LinkCategory.objects.filter(office=office)

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(
                "Alamat harus diawali http:// atau https://.", code="scheme"
            )
        return url


class LinkCategoryForm(OfficeScopedForm):
    class Meta:
        model = LinkCategory
        fields = ["name", "order"]
        error_messages = {"name": {"required": "Nama kategori wajib diisi."}}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = LinkCategory.objects.filter(office=self.office, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("Kategori dengan nama ini sudah ada.", code="duplicate")
        return name


class PengumumanForm(OfficeScopedForm):
    class Meta:
        model = Pengumuman
        fields = ["text", "url", "level", "starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {"text": {"required": "Isi pengumuman wajib diisi."}}

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error(
                "ends_on",
                forms.ValidationError(
                    "Tanggal selesai tidak boleh sebelum tanggal mulai.", code="end_before_start"
                ),
            )
        return data


class _ActionField(forms.ChoiceField):
    """The actions by their labels, grouped by module (sisp.audit_labels.action_choices). A
    code or module typed into the address (an older bookmark, an action without a label) is
    still accepted: it is only a filter."""

    def valid_value(self, value):
        return super().valid_value(value) or bool(re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]*)?", value))

    def clean(self, value):
        return super().clean(value).rstrip(".")  # "arsip." is the module "arsip"


class AuditFilterForm(forms.Form):
    q = forms.CharField(label="Cari (pengguna, objek)", required=False)
    action = _ActionField(label="Tindakan", required=False)
    date_from = forms.DateField(
        label="Dari tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="Sampai tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        from .audit_labels import action_choices

        super().__init__(*args, **kwargs)
        self.fields["action"].choices = action_choices()


class RoleRequestForm(forms.Form):
    """Files a request for a sensitive role. The choices start from what the acting user may
    manage: their own office's active users (never a superuser, never themselves)."""

    user = forms.ModelChoiceField(
        label="Pengguna",
        queryset=None,
        error_messages={
            "required": "Pilih pengguna yang akan diberi peran.",
            "invalid_choice": "Pilih pengguna dari kantor Anda.",
        },
    )
    role = forms.ModelChoiceField(
        label="Peran",
        queryset=None,
        help_text="Hanya peran yang membuka arsip rahasia, data pihak perkara, atau Pengawas "
        "Internal yang memerlukan persetujuan; peran lain diberikan langsung.",
        error_messages={
            "required": "Pilih peran yang dimohonkan.",
            "invalid_choice": "Pilih peran dari daftar.",
        },
    )
    reason = forms.CharField(
        label="Alasan",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Mis. nomor surat tugas atau SK penempatan.",
        error_messages={"required": "Tuliskan alasan pemberian peran."},
    )

    def __init__(self, *args, acting_user, **kwargs):
        from .models import User
        from .roles import is_installation_manager, sensitive_role_names

        super().__init__(*args, **kwargs)
        users = User.objects.filter(is_active=True, is_superuser=False, office__isnull=False)
        if not is_installation_manager(acting_user):
            users = users.filter(office_id=acting_user.office_id)
        self.fields["user"].queryset = (
            users.exclude(pk=acting_user.pk).select_related("office").order_by("username")
        )
        self.fields["user"].label_from_instance = lambda u: f"{u} ({u.username}, {u.office})"
        self.fields["role"].queryset = Group.objects.filter(
            name__in=sensitive_role_names()
        ).order_by("name")


class RoleDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Keputusan",
        choices=[("setujui", "Setujui"), ("tolak", "Tolak")],
        error_messages={
            "required": "Pilih setujui atau tolak.",
            "invalid_choice": "Pilih setujui atau tolak.",
        },
    )
    note = forms.CharField(label="Catatan", max_length=2000, required=False)


class SecondFactorForm(forms.Form):
    kode = forms.CharField(
        label="Kode",
        max_length=32,
        help_text="Enam angka dari aplikasi autentikator, atau satu kode pemulihan.",
        error_messages={"required": "Masukkan kode dari aplikasi autentikator."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class EnrolmentForm(forms.Form):
    kode = forms.CharField(
        label="Kode dari aplikasi",
        max_length=16,
        help_text="Enam angka yang kini ditampilkan aplikasi autentikator Anda.",
        error_messages={"required": "Masukkan enam angka dari aplikasi autentikator."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class DigestPreferenceForm(forms.Form):
    """The user's own choice of the daily "Menunggu Anda" e-mail. ``was`` is the value the page
    showed: a save made from a page older than the stored choice is refused, not applied."""

    wants_digest = forms.BooleanField(
        label="Kirim ringkasan harian “Menunggu Anda” ke surel saya",
        required=False,
        help_text=(
            "Setiap hari kerja, dalam jam kantor, bila ada yang menunggu Anda: jumlah dan "
            "tautannya saja, tanpa perihal atau nama."
        ),
    )
    was = forms.BooleanField(required=False, widget=forms.HiddenInput)

    error_messages = {
        "stale": (
            "Pengaturan ini sudah diubah di jendela atau perangkat lain sejak halaman ini dibuka. "
            "Periksa pilihan yang sekarang tersimpan, lalu simpan lagi bila perlu."
        ),
    }

    def __init__(self, *args, stored, **kwargs):
        super().__init__(*args, initial={"wants_digest": stored, "was": stored}, **kwargs)
        self.stored = stored

    def clean(self):
        cleaned = super().clean()
        if self.is_bound and cleaned.get("was") != self.stored:
            raise forms.ValidationError(self.error_messages["stale"], code="stale")
        return cleaned
