"""Staff forms of Info PPPS. Public forms live in forms_public.py."""

from datetime import datetime

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone

from sisp.files import ProtectedFileField
from sisp.models import User

from .models import (
    Aduan,
    AlasanPublik,
    DayType,
    DokumenPerkara,
    Jenis,
    Pemilihan,
    Perkara,
    Pihak,
    Regime,
    RiwayatPerkara,
    StatusPerkara,
    Tahapan,
)

# A NIK is 16 digits 0-9 (not any Unicode digit: "²".isdigit() is true). One rule for the
# reporter of a new case and every party.
validate_nik = RegexValidator(r"^[0-9]{16}\Z", "NIK terdiri atas 16 angka.", code="invalid_nik")
# The widths of the columns typed into, read from the models (a wider input would fail the save).
REGISTER_MAX_LENGTH = Perkara._meta.get_field("nomor_register").max_length
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def ppps_officers(office):
    """Users of ``office`` who may be assigned to a case (they can open Info PPPS)."""
    return (
        User.objects.filter(office=office, is_active=True)
        .filter(groups__permissions__codename="access_ppps")
        .distinct()
        .order_by("first_name", "username")
    )


class PerkaraFilterForm(forms.Form):
    nomor = forms.CharField(label="Nomor register", required=False)
    jenis = forms.ChoiceField(
        label="Jenis", required=False, choices=[("", "Semua"), *Jenis.choices]
    )
    regime = forms.ChoiceField(
        label="Rezim", required=False, choices=[("", "Semua"), *Regime.choices]
    )
    tahapan = forms.ModelChoiceField(
        label="Tahapan", required=False, queryset=Tahapan.objects.none(), empty_label="Semua"
    )
    petugas = forms.ModelChoiceField(
        label="Petugas", required=False, queryset=User.objects.none(), empty_label="Semua"
    )
    lewat = forms.BooleanField(label="Hanya yang lewat batas waktu", required=False)

    def __init__(self, *args, office=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahapan"].queryset = Tahapan.objects.filter(is_active=True)
        self.fields["tahapan"].label_from_instance = lambda t: (
            f"{t.name} ({t.get_regime_display().split(' ')[0]}, {t.get_jenis_display()})"
        )
        self.fields["petugas"].queryset = ppps_officers(office)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["nomor"]:
            queryset = queryset.with_register(data["nomor"])
        if data["jenis"]:
            queryset = queryset.filter(jenis=data["jenis"])
        if data["regime"]:
            queryset = queryset.filter(pemilihan__regime=data["regime"])
        if data["tahapan"]:
            queryset = queryset.filter(tahapan=data["tahapan"])
        if data["petugas"]:
            queryset = queryset.filter(petugas=data["petugas"])
        if data["lewat"]:
            queryset = queryset.overdue()
        return queryset


class AduanRefForm(forms.Form):
    """``?aduan=`` of the new-case page: one complaint the user may see, or none."""

    aduan = forms.ModelChoiceField(queryset=Aduan.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aduan"].queryset = Aduan.objects.visible_to(user)


class PerkaraForm(forms.ModelForm):
    """A new case as received, with the reporter (private) when there is one."""

    pelapor_nama = forms.CharField(label="Nama pelapor/pemohon", required=False, max_length=200)
    pelapor_nik = forms.CharField(label="NIK pelapor", required=False, validators=[validate_nik])
    pelapor_alamat = forms.CharField(label="Alamat pelapor", required=False, widget=forms.Textarea)
    pelapor_telepon = forms.CharField(label="Telepon pelapor", required=False, max_length=30)
    pelapor_email = forms.EmailField(
        label="Surel pelapor",
        required=False,
        help_text="Pelapor menerima pemberitahuan perkembangan perkara melalui surel ini.",
    )

    class Meta:
        model = Perkara
        fields = [
            "jenis",
            "pemilihan",
            "nomor_penerimaan",
            "tanggal_kejadian",
            "tanggal_diketahui",
            "tanggal_diterima",
            "ringkasan_publik",
        ]
        widgets = {
            "tanggal_kejadian": DATE,
            "tanggal_diketahui": DATE,
            "tanggal_diterima": DATE,
        }

    def __init__(self, *args, office=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pemilihan"].queryset = Pemilihan.objects.filter(office=office, is_active=True)

    def clean(self):
        data = super().clean()
        if data.get("jenis") == Jenis.LAPORAN and not data.get("pelapor_nama"):
            self.add_error(
                "pelapor_nama",
                forms.ValidationError("Laporan wajib mencantumkan nama pelapor.", code="required"),
            )
        known, received = data.get("tanggal_diketahui"), data.get("tanggal_diterima")
        if known and received and known > received:
            self.add_error(
                "tanggal_diketahui",
                forms.ValidationError(
                    "Tanggal diketahui tidak boleh sesudah tanggal diterima.", code="order"
                ),
            )
        if received and received > timezone.localdate():
            self.add_error(
                "tanggal_diterima",
                forms.ValidationError("Tanggal diterima tidak boleh di masa depan.", code="future"),
            )
        return data

    def pelapor(self):
        data = self.cleaned_data
        if not data.get("pelapor_nama"):
            return None
        return {
            "nama": data["pelapor_nama"],
            "nik": data.get("pelapor_nik", ""),
            "alamat": data.get("pelapor_alamat", ""),
            "telepon": data.get("pelapor_telepon", ""),
            "email": data.get("pelapor_email", ""),
        }


class PerkaraEditForm(forms.ModelForm):
    class Meta:
        model = Perkara
        fields = [
            "status",
            "tindak_lanjut",
            "tindak_lanjut_keterangan",
            "jenis_pelanggaran",
            "kajian_final",
            "ringkasan_publik",
            "tanggal_kejadian",
            "tanggal_diketahui",
            "petugas",
        ]
        widgets = {
            "tanggal_kejadian": DATE,
            "tanggal_diketahui": DATE,
            "petugas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].queryset = StatusPerkara.objects.filter(is_active=True)
        self.fields["petugas"].queryset = ppps_officers(self.instance.office)

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status and status.code == "dicabut" and self.instance.nomor_register:
            # A reporter may withdraw only before registration; after it, handling goes on.
            self.add_error(
                "status",
                forms.ValidationError(
                    "Laporan yang sudah diregistrasi tidak dapat dicabut; penanganan tetap berjalan.",
                    code="withdraw_after_registration",
                ),
            )
        if data.get("kajian_final") and not data.get("jenis_pelanggaran"):
            self.add_error(
                "jenis_pelanggaran",
                forms.ValidationError(
                    "Kajian final harus menyebut jenis pelanggaran.", code="required"
                ),
            )
        return data


PUBLIC_NOTE_HELP = (
    "Tidak dicentang: hanya petugas yang melihat. Catatan publik tidak boleh memuat nama, NIK, "
    "telepon, surel, atau alamat pihak. Tahapan yang tidak publik tidak pernah tampil, "
    "apa pun pilihan ini."
)


class MoveStageForm(forms.Form):
    tahapan = forms.ModelChoiceField(
        label="Pindah ke tahapan", queryset=Tahapan.objects.none(), empty_label=None
    )
    tanggal = forms.DateField(label="Tanggal", widget=DATE, initial=timezone.localdate)
    jam = forms.TimeField(
        label="Jam keputusan",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="Untuk tahapan yang batas waktunya dalam jam (mis. penerusan ke penyidik "
        "1×24 jam sejak diputuskan). Kosong pada hari ini: saat ini.",
        error_messages={"invalid": "Tulis jam dengan format JJ:MM, mis. 14:30."},
    )
    status = forms.ModelChoiceField(
        label="Status (opsional)",
        queryset=StatusPerkara.objects.filter(is_active=True),
        required=False,
        empty_label="— tidak berubah —",
    )
    catatan = forms.CharField(
        label="Catatan internal",
        required=False,
        widget=forms.Textarea,
        help_text="Hanya petugas yang melihat; tidak pernah tampil di halaman publik.",
    )
    alasan = forms.ModelChoiceField(
        label="Keterangan untuk publik",
        queryset=AlasanPublik.objects.none(),
        required=False,
        empty_label="— tanpa keterangan publik —",
        help_text="Teks keterangan kantor ini (diatur Administrator) yang tampil di /cek/.",
    )
    tulis_sendiri = forms.BooleanField(
        label="Tulis teks publik sendiri",
        required=False,
        initial=False,
        help_text="Centang hanya bila tidak ada keterangan di daftar yang sesuai.",
    )
    teks_publik = forms.CharField(
        label="Teks publik",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Tampil di halaman publik hanya bila \u201cTulis teks publik sendiri\u201d "
        "dicentang. Tidak boleh memuat nama, NIK, telepon, surel, atau alamat pihak. Tahapan "
        "yang tidak publik tidak pernah tampil.",
    )

    def __init__(self, *args, perkara, **kwargs):
        super().__init__(*args, **kwargs)
        stages = Tahapan.objects.for_case(perkara.regime, perkara.jenis).filter(
            order__gt=perkara.tahapan.order
        )
        self.fields["tahapan"].queryset = stages
        self.fields["tahapan"].label_from_instance = lambda t: f"{t.name} — {t.limit_text()}"
        self.fields["alasan"].queryset = AlasanPublik.objects.for_office(perkara.office_id)
        self.fields["alasan"].error_messages["invalid_choice"] = (
            "Keterangan publik itu tidak ada di daftar kantor ini; pilih dari daftar."
        )

    PUBLIC_PART = ("alasan", "tulis_sendiri", "teks_publik")

    def internal_fields(self):
        return [f for f in self.visible_fields() if f.name not in self.PUBLIC_PART]

    def public_fields(self):
        return [self[name] for name in self.PUBLIC_PART]

    def clean_teks_publik(self):
        return self.cleaned_data["teks_publik"].strip()

    def clean_tanggal(self):
        day = self.cleaned_data["tanggal"]
        if day > timezone.localdate():
            raise forms.ValidationError("Tanggal tidak boleh di masa depan.", code="future")
        return day

    def clean(self):
        data = super().clean()
        stage, day, time = data.get("tahapan"), data.get("tanggal"), data.get("jam")
        data["mulai_pada"] = None
        self._clean_public_part(data, stage)
        if stage is None or day is None:
            return data
        if time is not None:
            moment = timezone.make_aware(datetime.combine(day, time))
            if moment > timezone.now():
                self.add_error(
                    "jam", forms.ValidationError("Jam tidak boleh di masa depan.", code="future")
                )
            data["mulai_pada"] = moment
        elif stage.day_type == DayType.JAM and day != timezone.localdate():
            self.add_error(
                "jam",
                forms.ValidationError(
                    "Batas waktu tahapan ini dihitung dalam jam: isi jam keputusannya.",
                    code="hour_required",
                ),
            )
        return data

    def _clean_public_part(self, data, stage):
        """The public part of the move is one of: nothing, a reason text of the office, or
        the officer's own text written with the explicit "tulis sendiri" choice."""
        alasan, own, text = data.get("alasan"), data.get("tulis_sendiri"), data.get("teks_publik")
        if text and not own:
            self.add_error(
                "tulis_sendiri",
                forms.ValidationError(
                    "Teks publik hanya dipakai bila \u201cTulis teks publik sendiri\u201d dicentang. "
                    "Centang pilihan itu, atau kosongkan teks publik (catatan internal tetap "
                    "tersimpan terpisah).",
                    code="own_text_not_chosen",
                ),
            )
        elif own and not text:
            self.add_error(
                "teks_publik",
                forms.ValidationError(
                    "Tulis teks publiknya, atau hapus centang \u201cTulis teks publik sendiri\u201d.",
                    code="own_text_missing",
                ),
            )
        if alasan and own:
            self.add_error(
                "alasan",
                forms.ValidationError(
                    "Pilih salah satu: keterangan dari daftar kantor atau teks publik sendiri.",
                    code="two_public_texts",
                ),
            )
        if stage is not None and not stage.is_public and (alasan or own or text):
            self.add_error(
                "alasan",
                forms.ValidationError(
                    f"Tahapan {stage.name} tidak diumumkan, jadi tidak ada keterangan publik "
                    "yang tampil. Kosongkan keterangan publik; tulis di catatan internal.",
                    code="stage_not_public",
                ),
            )


class RegisterForm(forms.Form):
    tanggal = forms.DateField(label="Tanggal registrasi", widget=DATE, initial=timezone.localdate)
    nomor = forms.CharField(
        label="Nomor register",
        required=False,
        max_length=REGISTER_MAX_LENGTH,
        help_text="Kosongkan untuk memakai nomor berikutnya yang diusulkan.",
    )


class ExtendForm(forms.Form):
    catatan = forms.CharField(
        label="Alasan perpanjangan",
        widget=forms.Textarea,
        error_messages={"required": "Tulis alasannya."},
    )
    is_public = forms.BooleanField(
        label="Tampilkan di halaman publik",
        required=False,
        initial=False,
        help_text=PUBLIC_NOTE_HELP,
    )


class NoteForm(forms.ModelForm):
    KINDS = [
        (RiwayatPerkara.Kind.CATATAN, "Catatan"),
        (RiwayatPerkara.Kind.KOREKSI, "Koreksi atas peristiwa sebelumnya"),
        (RiwayatPerkara.Kind.SURAT, "Surat/pemberitahuan kepada pelapor"),
    ]
    kind = forms.ChoiceField(label="Jenis", choices=KINDS)

    class Meta:
        model = RiwayatPerkara
        fields = ["kind", "tanggal", "catatan", "is_public", "untuk_pelapor"]
        widgets = {"tanggal": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catatan"].required = True
        self.fields["is_public"].initial = False
        self.fields["is_public"].label = "Tampilkan di halaman publik"
        self.fields["is_public"].help_text = PUBLIC_NOTE_HELP


class PihakForm(forms.ModelForm):
    class Meta:
        model = Pihak
        fields = ["peran", "nama", "nik", "alamat", "telepon", "email", "keterangan"]

    def clean_nik(self):
        nik = self.cleaned_data["nik"].strip()
        if nik:
            validate_nik(nik)
        return nik


class DokumenForm(forms.ModelForm):
    berkas = ProtectedFileField(label="File")

    class Meta:
        model = DokumenPerkara
        fields = ["title", "untuk_pelapor"]


class PemilihanForm(forms.ModelForm):
    class Meta:
        model = Pemilihan
        fields = ["name", "regime", "code", "year", "is_active"]
