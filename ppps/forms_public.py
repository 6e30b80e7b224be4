"""Public forms: status lookup, complaint (aduan), complaint status."""

from django import forms
from django.utils import timezone

from sisp.files import ProtectedFileField
from sisp.models import Office

from . import conf
from .models import Aduan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LookupForm(forms.Form):
    nomor = forms.CharField(
        label="Nomor register",
        max_length=120,
        help_text="Contoh: 001/Reg/LP/PW/Kota/12.01/XI/2024. Huruf besar/kecil, spasi, tanda hubung, titik, dan nol di depan tidak berpengaruh.",
        error_messages={"required": "Tuliskan nomor register perkara."},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "inputmode": "text", "spellcheck": "false"}
        ),
    )


class PinForm(LookupForm):
    pin = forms.CharField(
        label="PIN pelapor",
        max_length=20,
        help_text="PIN tertulis pada tanda terima laporan Anda.",
        error_messages={"required": "Tuliskan PIN."},
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleProtectedFileField(ProtectedFileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class AduanForm(forms.ModelForm):
    # Required and never preselected by default: a complaint sent to the wrong office loses
    # the citizen days of the 7-day window. The view prefills it only from the office page
    # the citizen came from (or the only office of the installation).
    kantor = forms.ModelChoiceField(
        label="Kantor Bawaslu yang dituju",
        queryset=Office.objects.filter(is_active=True),
        empty_label="— Pilih kantor —",
        help_text="Kantor kabupaten/kota tempat kejadian. Aduan langsung diterima kantor ini.",
        error_messages={
            "required": "Pilih kantor Bawaslu yang dituju.",
            "invalid_choice": "Pilih kantor Bawaslu dari daftar.",
        },
    )
    lampiran = MultipleProtectedFileField(
        label="Lampiran (opsional)",
        required=False,
        # The limit is the setting's (conf.aduan_max_attachments), filled in by __init__.
    )
    # Honeypot: hidden from people by CSS; a bot filling every field fills this one too.
    situs = forms.CharField(
        label="Jangan diisi",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Aduan
        fields = [
            "nama",
            "email",
            "telepon",
            "uraian",
            "tempat",
            "tanggal_kejadian",
            "tanggal_diketahui",
        ]
        labels = {"nama": "Nama (boleh dikosongkan)"}
        help_texts = {
            "nama": "Anda boleh mengadu tanpa nama. Identitas Anda tidak pernah ditampilkan.",
            "email": "Opsional. Bila diisi, kami kirim surel saat aduan diterima dan saat dijawab"
            " (pada jam kerja; tanpa PIN dan tanpa isi jawaban), dan kami hubungi bila perlu.",
            "uraian": "Ceritakan apa yang terjadi, siapa yang terlibat, dan bukti yang Anda punya.",
        }
        widgets = {"tanggal_kejadian": DATE, "tanggal_diketahui": DATE}
        error_messages = {"uraian": {"required": "Ceritakan apa yang terjadi."}}

    field_order = [
        "kantor",
        "uraian",
        "tempat",
        "tanggal_kejadian",
        "tanggal_diketahui",
        "nama",
        "email",
        "telepon",
        "lampiran",
        "situs",
    ]

    def __init__(self, *args, kept_count=0, **kwargs):
        super().__init__(*args, **kwargs)
        # Attachments kept from an earlier try count toward the limit (ppps.aduan_files).
        self.kept_count = kept_count
        limit = conf.aduan_max_attachments()
        lampiran = self.fields["lampiran"]
        lampiran.help_text = f"Foto atau dokumen pendukung, paling banyak {limit} file."

    def clean_lampiran(self):
        files = self.cleaned_data["lampiran"]
        if len(files) + self.kept_count > conf.aduan_max_attachments():
            raise forms.ValidationError(
                "Paling banyak %(n)s lampiran.",
                code="too_many",
                params={"n": conf.aduan_max_attachments()},
            )
        return files

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        for name in ("tanggal_kejadian", "tanggal_diketahui"):
            if data.get(name) and data[name] > today:
                self.add_error(
                    name, forms.ValidationError("Tanggal tidak boleh di masa depan.", code="future")
                )
        if data.get("tanggal_kejadian") and data.get("tanggal_diketahui"):
            if data["tanggal_diketahui"] < data["tanggal_kejadian"]:
                self.add_error(
                    "tanggal_diketahui",
                    forms.ValidationError(
                        "Tidak mungkin mengetahui sebelum kejadian.", code="order"
                    ),
                )
        return data

    def is_spam(self):
        return bool(self.data.get("situs"))

    def error_summary(self):
        """[(field id, message)] for the GOV.UK-style summary at the top of the page; a
        message without a field links to the form itself."""
        found = [("aduan-form", message) for message in self.non_field_errors()]
        for field in self:
            found.extend((field.auto_id, message) for message in field.errors)
        return found


class AduanStatusForm(forms.Form):
    kode_tiket = forms.CharField(
        label="Kode tiket",
        max_length=40,  # room for the spaces of a pasted code; 20 characters once normalised
        error_messages={"required": "Tuliskan kode tiket."},
    )
    pin = forms.CharField(
        label="PIN",
        max_length=20,
        error_messages={"required": "Tuliskan PIN."},
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )

    # Hyphen look-alikes a phone keyboard, a word processor or a chat app puts in a pasted code.
    DASHES = str.maketrans(
        dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-")
    )

    @classmethod
    def normalise_kode(cls, value):
        """ " adu–7k3m 9qxp " -> "ADU-7K3M9QXP": case, spaces and dash look-alikes do not count."""
        return "".join(value.translate(cls.DASHES).upper().split())

    def clean_kode_tiket(self):
        return self.normalise_kode(self.cleaned_data["kode_tiket"])


class TriageForm(forms.ModelForm):
    class Meta:
        model = Aduan
        fields = ["status", "jawaban"]
        help_texts = {"jawaban": "Tampil bagi pengadu yang memasukkan kode tiket dan PIN."}

    def clean(self):
        data = super().clean()
        if data.get("status") and data["status"] != Aduan.Status.BARU and not data.get("jawaban"):
            self.add_error(
                "jawaban",
                forms.ValidationError("Tuliskan jawaban untuk pengadu.", code="required"),
            )
        return data
