from datetime import timedelta

from django import forms
from django.utils import timezone

from sisp.files import ProtectedFileField
from sisp.forms import row_id
from sisp.models import Unit, User

from . import stamping
from .authority import lowering_guarded_names
from .models import Berkas, KelasKeamanan, KlasifikasiArsip, Naskah, StatusRetensi

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def parse_kode(value):
    """The filing code at the start of "PP.01.02 — Penanganan ...", upper-cased."""
    return (value or "").strip().split(" ", 1)[0].strip().upper()


def class_reason_field(*, rows):
    """The reason for a change of a record's class (record form, class page); the help text
    names the guarded classes from the shared rules (``arsip.authority``)."""
    guarded = lowering_guarded_names()
    return forms.CharField(
        label="Alasan perubahan kelas",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=f"Wajib bila menurunkan kelas {guarded}; dicatat dalam riwayat kelas naskah."
        if guarded
        else "Dicatat dalam riwayat kelas naskah.",
    )


def revision_field(initial=None):
    """The record revision a form showed (staff pages and the admin): a save from a form opened
    before someone else's save is refused."""
    return forms.IntegerField(
        widget=forms.HiddenInput,
        initial=initial,
        min_value=0,
        error_messages={
            key: "Formulir tidak lengkap. Muat ulang halaman, lalu ubah lagi."
            for key in ("required", "invalid", "min_value")
        },
    )


class KlasifikasiField(forms.CharField):
    """A text box with a <datalist> of every code: type the code or a word of its name.
    Works without JavaScript; the browser filters the list as the user types."""

    default_error_messages = {
        "unknown": "Kode klasifikasi tidak dikenal. Ketik kode (mis. PP.01.02) atau namanya, "
        "lalu pilih dari daftar.",
        "ambiguous": "Lebih dari satu kode cocok dengan “%(value)s”. Pilih kode dari daftar.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "list": "daftar-klasifikasi",
                    "autocomplete": "off",
                    "placeholder": "Ketik kode atau nama, mis. PP.01 atau pelanggaran",
                }
            ),
        )
        super().__init__(max_length=250, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, KlasifikasiArsip):
            return f"{value.kode} — {value.nama}"
        if isinstance(value, int):
            found = KlasifikasiArsip.objects.filter(pk=value).first()
            return f"{found.kode} — {found.nama}" if found else ""
        return value

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        active = KlasifikasiArsip.objects.filter(is_active=True)
        found = active.filter(kode=parse_kode(value)).first()
        if found:
            return found
        by_name = list(active.filter(nama__icontains=value.strip())[:2])
        if len(by_name) == 1:
            return by_name[0]
        if by_name:
            raise forms.ValidationError(
                self.error_messages["ambiguous"], code="ambiguous", params={"value": value}
            )
        raise forms.ValidationError(self.error_messages["unknown"], code="unknown")


def check_move(form, user, stored, kelas, unit, alasan, *, reason_field):
    """Add to ``form`` the errors of moving ``stored`` to ``kelas`` and ``unit``: the
    classification authority (``arsip.authority.check_class_change``), then the matrix: a move
    lands only where the user reads through the matrix, except the registrar raising their
    own record in its unit (they keep sight of it)."""
    from .access import matrix_covers
    from .authority import check_class_change

    try:
        check_class_change(user, stored, kelas, alasan)
    except forms.ValidationError as exc:
        form.add_error(reason_field if exc.code == "reason_required" else "kelas", exc)
        return
    moved = kelas.pk != stored.kelas_id or unit.pk != stored.unit_id
    own_raise = (
        stored.created_by_id == user.pk
        and unit.pk == stored.unit_id
        and kelas.tingkat > stored.kelas.tingkat
    )
    if moved and not own_raise and not matrix_covers(user, kelas.pk, unit.pk):
        form.add_error(
            None,
            forms.ValidationError(
                "Anda hanya dapat memindahkan naskah ke kelas keamanan dan unit yang dapat "
                "Anda baca sendiri.",
                code="outside_matrix",
            ),
        )


def offered_kelas_ids(user, naskah):
    """Class ids a change form offers for ``naskah``: those the user reads through the
    matrix (the registrar may also raise their own record), within what the classification
    authority opens to the user (``arsip.authority.kelas_choices``), and the current one."""
    from .access import readable_kelas_ids
    from .authority import kelas_choices

    ids = readable_kelas_ids(user) | {naskah.kelas_id}
    if naskah.created_by_id == user.pk:
        ids |= set(
            KelasKeamanan.objects.filter(tingkat__gt=naskah.kelas.tingkat).values_list(
                "pk", flat=True
            )
        )
    return ids & kelas_choices(user, naskah)


class NaskahForm(forms.ModelForm):
    """Quick registration: a few fields up front, sensible defaults for the rest."""

    MAIN = [
        "klasifikasi",
        "perihal",
        "nomor_surat",
        "tanggal",
        "kelas",
        "alasan_kelas",
        "unit",
        "berkas_file",
    ]

    klasifikasi = KlasifikasiField(label="Kode klasifikasi")
    nomor_berkas = forms.CharField(
        label="Masukkan ke berkas",
        required=False,
        help_text="Nomor berkas yang sudah ada (mis. 3/2026). Kosongkan untuk membuka berkas "
        "baru otomatis.",
        widget=forms.TextInput(attrs={"list": "daftar-berkas", "autocomplete": "off"}),
    )
    berkas_file = ProtectedFileField(
        label="Dokumen elektronik",
        required=False,
        help_text="PDF, gambar, atau dokumen perkantoran. Boleh menyusul.",
    )

    class Meta:
        model = Naskah
        fields = [
            "klasifikasi",
            "perihal",
            "nomor_surat",
            "tanggal",
            "kelas",
            "unit",
            "dari",
            "kepada",
            "jenis",
            "tingkat_perkembangan",
            "media",
            "jumlah",
            "satuan",
            "lokasi_fisik",
            "keterangan",
        ]
        widgets = {"tanggal": DATE, "keterangan": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "perihal": {"required": "Isi perihal atau uraian singkat naskah."},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = Unit.objects.filter(office_id=user.office_id)
        self.fields["kelas"].queryset = KelasKeamanan.objects.all()
        self.fields["kelas"].error_messages["invalid_choice"] = (
            "Kelas itu tidak dapat Anda tetapkan pada naskah ini."
        )
        if not self.instance.pk:
            from .authority import settable_kelas

            # Nobody classifies above their own clearance (arsip.authority).
            self.fields["kelas"].queryset = settable_kelas(user)
            self.initial.setdefault("unit", user.unit_id)
            self.initial.setdefault(
                "kelas", KelasKeamanan.objects.filter(kode="B").values_list("pk", flat=True).first()
            )
        else:
            del self.fields["nomor_berkas"]
            del self.fields["berkas_file"]
            self._limit_to_matrix()
            self.fields["alasan_kelas"] = class_reason_field(rows=2)
            # The revision this form shows; a save from an older one is refused.
            self.fields["revisi_dilihat"] = revision_field(initial=self.instance.revisi)
        self.fields["nomor_surat"].help_text = "Mis. 197/PM.00.02/K.JI-11.07/06/2024"
        self.fields["tanggal"].input_formats = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]

    def _limit_to_matrix(self):
        """On a change, offer only the classes of ``offered_kelas_ids`` and the units of the
        user's scope (plus the record's current ones, which are no change)."""
        from .access import scope_unit_ids

        kelas_ids = offered_kelas_ids(self.user, self.instance)
        unit_ids = scope_unit_ids(self.user) | {self.instance.unit_id}
        self.fields["kelas"].queryset = KelasKeamanan.objects.filter(pk__in=kelas_ids)
        self.fields["unit"].queryset = Unit.objects.filter(
            office_id=self.user.office_id, pk__in=unit_ids
        )

    def clean_kelas(self):
        kelas = self.cleaned_data.get("kelas")
        if kelas is not None and not self.instance.pk:
            from .authority import check_registration

            check_registration(self.user, kelas)
        return kelas

    def clean(self):
        data = super().clean()
        if self.instance.pk and data.get("kelas") and data.get("unit"):
            stored = Naskah.objects.select_related("kelas").get(pk=self.instance.pk)
            check_move(
                self,
                self.user,
                stored,
                data["kelas"],
                data["unit"],
                data.get("alasan_kelas"),
                reason_field="alasan_kelas",
            )
        return data

    def main_fields(self):
        return [self[name] for name in self.MAIN if name in self.fields]

    def other_fields(self):
        return [f for f in self.visible_fields() if f.name not in self.MAIN]

    def clean_nomor_berkas(self):
        nomor = (self.cleaned_data.get("nomor_berkas") or "").strip()
        if not nomor:
            return None
        # Only into a file whose every record the user sees: filing into a file changes it
        # (item numbers, period) and shows its description with the new record.
        found = Berkas.objects.wholly_visible_to(self.user).filter(nomor_berkas=nomor).first()
        if found is None:
            raise forms.ValidationError(
                "Berkas dengan nomor itu tidak ditemukan.", code="berkas_unknown"
            )
        return found

    def registration_data(self):
        data = {
            k: v for k, v in self.cleaned_data.items() if k not in ("nomor_berkas", "berkas_file")
        }
        data["berkas"] = self.cleaned_data.get("nomor_berkas")
        return data


class KelasForm(forms.Form):
    """Change only a record's class (the page of the class's deciding official, who may hold
    no right to register records), with the reason kept in the record's history."""

    kelas = forms.ModelChoiceField(
        label="Kelas keamanan baru",
        queryset=KelasKeamanan.objects.none(),
        error_messages={"invalid_choice": "Kelas itu tidak dapat Anda tetapkan pada naskah ini."},
    )

    def __init__(self, *args, user, naskah, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alasan"] = class_reason_field(rows=3)
        self.fields["revisi_dilihat"] = revision_field()
        self.lowering_guarded = lowering_guarded_names()
        self.user = user
        self.naskah = naskah
        self.fields["kelas"].queryset = KelasKeamanan.objects.filter(
            pk__in=offered_kelas_ids(user, naskah)
        )
        self.initial.setdefault("kelas", naskah.kelas_id)
        self.initial.setdefault("revisi_dilihat", naskah.revisi)

    def clean(self):
        data = super().clean()
        if data.get("kelas"):
            stored = Naskah.objects.select_related("kelas").get(pk=self.naskah.pk)
            check_move(
                self,
                self.user,
                stored,
                data["kelas"],
                stored.unit,
                data.get("alasan"),
                reason_field="alasan",
            )
        return data


class VersionForm(forms.Form):
    berkas_file = ProtectedFileField(label="Dokumen elektronik versi baru")
    catatan = forms.CharField(label="Catatan versi", max_length=300, required=False)


class PurposeForm(forms.Form):
    tujuan = forms.CharField(
        label="Tujuan penggunaan",
        min_length=10,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Dicatat dalam jejak audit.",
        error_messages={
            "required": "Nyatakan tujuan penggunaan sebelum mengunduh.",
            "min_length": "Tuliskan tujuan dengan jelas (paling sedikit %(limit_value)d huruf).",
        },
    )

    def __init__(self, *args, kelas, **kwargs):
        super().__init__(*args, **kwargs)
        # Which classes ask for a purpose is data (KelasKeamanan.wajib_tujuan): say this one.
        self.fields[
            "tujuan"
        ].help_text = f"Wajib untuk naskah berkelas {kelas.nama}; dicatat dalam jejak audit."


class _FetchedChoices(forms.models.ModelChoiceIterator):
    """The choices of a short list in one plain query: Django's default iterates the
    queryset with ``.iterator()``, i.e. a server-side cursor on Postgres (DECLARE, FETCH,
    CLOSE: three round trips for four security classes)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class _ListChoiceField(forms.ModelChoiceField):
    iterator = _FetchedChoices


class FilterForm(forms.Form):
    SORTS = [
        ("terbaru", "Tanggal terbaru"),
        ("terlama", "Tanggal terlama"),
        ("relevansi", "Paling relevan"),
        ("kode", "Kode klasifikasi"),
    ]
    q = forms.CharField(
        label="Cari",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Kata, nomor naskah, isi"}),
    )
    kode = forms.CharField(
        label="Kode klasifikasi",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"list": "daftar-klasifikasi", "placeholder": "mis. PP.01"}),
    )
    kelas = _ListChoiceField(
        label="Kelas", required=False, queryset=KelasKeamanan.objects, empty_label="Semua kelas"
    )
    tahun = forms.IntegerField(label="Tahun", required=False, min_value=1945, max_value=2100)
    unit = _ListChoiceField(
        label="Unit pencipta", required=False, queryset=Unit.objects, empty_label="Semua unit"
    )
    status = forms.ChoiceField(
        label="Status retensi",
        required=False,
        choices=[("", "Semua status"), *StatusRetensi.choices],
    )
    urut = forms.ChoiceField(label="Urutkan", required=False, choices=SORTS)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(office_id=user.office_id)
        self.fields["kelas"].queryset = KelasKeamanan.objects.all()

    def clean_kode(self):
        return parse_kode(self.cleaned_data.get("kode"))


class GrantForm(forms.Form):
    user = forms.ModelChoiceField(label="Pengguna", required=False, queryset=User.objects)
    unit = forms.ModelChoiceField(label="atau unit kerja", required=False, queryset=Unit.objects)
    tujuan = forms.CharField(
        label="Tujuan penggunaan", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    berlaku_sampai = forms.DateField(label="Berlaku sampai", widget=DATE)

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(office=office, is_active=True)
        self.fields["unit"].queryset = Unit.objects.filter(office=office)
        self.initial.setdefault("berlaku_sampai", timezone.localdate() + timedelta(days=30))

    def clean(self):
        data = super().clean()
        if bool(data.get("user")) == bool(data.get("unit")):
            raise forms.ValidationError(
                "Pilih satu: pengguna atau unit kerja.", code="user_xor_unit"
            )
        return data


class PermohonanForm(forms.Form):
    uraian = forms.CharField(
        label="Naskah yang diminta",
        max_length=500,
        help_text="Nomor naskah, perihal, atau keterangan lain yang Anda ketahui.",
    )
    nomor_naskah = forms.CharField(
        label="Nomor naskah (bila tahu)",
        max_length=120,
        required=False,
        help_text="Nomor lengkap, mis. 7/PP.01.02/K.UJ-01/01/2026: permohonan langsung sampai "
        "ke pejabat yang berwenang atas naskah itu.",
    )
    tujuan = forms.CharField(
        label="Tujuan penggunaan", max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DecisionForm(forms.Form):
    """The decision on a request. A routed request names its record already (only its
    approvers open this form); for an unrouted one the official names the record among those
    they see, then approves (when they are its approver), forwards it to its approvers, or
    refuses."""

    keputusan = forms.ChoiceField(
        label="Keputusan",
        choices=[
            ("setujui", "Setujui"),
            ("teruskan", "Teruskan ke pejabat yang berwenang"),
            ("tolak", "Tolak"),
        ],
        widget=forms.RadioSelect,
    )
    naskah_ref = forms.CharField(
        label="Naskah (ID atau nomor naskah)",
        required=False,
        max_length=120,
        help_text="Wajib bila disetujui: naskah yang Anda berikan aksesnya.",
    )
    berlaku_sampai = forms.DateField(label="Berlaku sampai", required=False, widget=DATE)
    catatan = forms.CharField(
        label="Catatan untuk pemohon",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, decider, routed_to=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.decider = decider
        self.routed_to = routed_to
        self.initial.setdefault("berlaku_sampai", timezone.localdate() + timedelta(days=30))
        if routed_to is not None:
            del self.fields["naskah_ref"]
            self.fields["keputusan"].choices = [("setujui", "Setujui"), ("tolak", "Tolak")]

    def clean(self):
        data = super().clean()
        if data.get("keputusan") == "setujui" and not data.get("berlaku_sampai"):
            self.add_error(
                "berlaku_sampai",
                forms.ValidationError("Isi tanggal berakhirnya hak akses.", code="required"),
            )
        if self.routed_to is not None:
            data["naskah"] = self.routed_to
            return data
        if data.get("keputusan") not in ("setujui", "teruskan"):
            return data
        ref = (data.get("naskah_ref") or "").strip()
        visible = Naskah.objects.visible_to(self.decider)
        found = None
        if row_id(ref):
            found = visible.filter(pk=row_id(ref)).first()
        if found is None and ref:
            found = visible.filter(nomor_surat__iexact=ref).first()
        if found is None:
            self.add_error(
                "naskah_ref",
                forms.ValidationError(
                    "Naskah tidak ditemukan di antara naskah yang dapat Anda lihat.",
                    code="naskah_unknown",
                ),
            )
        data["naskah"] = found
        return data


class TraceForm(forms.Form):
    """A leaked copy to trace: the code read off it, or the copy itself."""

    kode = forms.CharField(
        label="Kode unduhan",
        required=False,
        max_length=30,
        help_text="Delapan huruf/angka yang tercetak di tepi bawah halaman, mis. 7K3M-Q9XD.",
    )
    berkas_file = ProtectedFileField(
        label="Atau salinan yang bocor (PDF/gambar)",
        required=False,
        help_text="Salinan bertanda yang beredar; tidak disimpan.",
    )

    def clean_kode(self):
        typed = self.cleaned_data["kode"].strip()
        if not typed:
            return None
        code = stamping.normalise_code(typed)
        if code is None:
            raise forms.ValidationError(
                "Kode unduhan terdiri atas %(length)s huruf/angka, mis. 7K3M-Q9XD.",
                code="bad_code",
                params={"length": stamping.CODE_LENGTH},
            )
        return code

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("kode") and not data.get("berkas_file"):
            raise forms.ValidationError(
                "Isi kode unduhan atau pilih salinan yang akan ditelusuri.", code="empty"
            )
        return data
