"""Forms of pelimpahan and pengambilalihan (ppps/transfers.py). Each is filled, then
confirmed: the confirmation page posts the same fields again with ``konfirmasi`` and the
case's ``stamp``, so a case changed in between is refused (stale)."""

from datetime import datetime

from django import forms

from sisp.forms import RowIdField
from sisp.models import Office

from . import transfers
from .forms import REGISTER_MAX_LENGTH
from .models import Pelimpahan
from .register import normalise_register


def _width(name):
    """The width of a ``Pelimpahan`` column the form fills."""
    return Pelimpahan._meta.get_field(name).max_length


REASON_HELP = (
    "Untuk catatan internal kedua kantor; tidak tampil untuk publik. Jangan menulis data "
    "pribadi pelapor, saksi, atau ahli."
)


class _Confirmed(forms.Form):
    konfirmasi = forms.BooleanField(required=False, widget=forms.HiddenInput)
    stamp = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_stamp(self):
        text = self.cleaned_data["stamp"]
        if not text:
            return None
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            raise forms.ValidationError(
                "Halaman konfirmasi rusak; buka lagi formulirnya.", code="stamp"
            ) from None


class TransferForm(_Confirmed):
    """Pelimpahan of one case by an official of the office that holds it."""

    tujuan = forms.ModelChoiceField(
        label="Kantor tujuan (dalam sistem ini)",
        queryset=Office.objects.none(),
        required=False,
        empty_label="— kantor di luar sistem ini —",
        error_messages={"invalid_choice": "Pilih kantor tujuan dari daftar."},
    )
    tujuan_luar = forms.CharField(
        label="Nama kantor di luar sistem ini",
        max_length=_width("to_office_name"),
        required=False,
        help_text="Isi hanya bila kantor tujuan tidak memakai sistem ini, mis. Bawaslu "
        "Provinsi Jawa Tengah. Perkara lalu ditutup di sini dan tidak dapat diubah lagi.",
    )
    alasan = forms.CharField(
        label="Alasan pelimpahan",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=REASON_HELP,
        error_messages={"required": "Tulis alasan pelimpahan."},
    )
    dasar_hukum = forms.CharField(
        label="Dasar hukum",
        max_length=_width("legal_basis"),
        initial=transfers.DEFAULT_LEGAL_BASIS,
        error_messages={"required": "Tulis dasar hukum pelimpahan."},
    )

    def __init__(self, *args, perkara, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tujuan"].queryset = Office.objects.filter(is_active=True).exclude(
            pk=perkara.office_id
        )

    def clean(self):
        data = super().clean()
        inside, outside = data.get("tujuan"), (data.get("tujuan_luar") or "").strip()
        if "tujuan" in self.errors:
            return data
        if inside is None and not outside:
            raise forms.ValidationError(
                "Pilih kantor tujuan, atau tulis nama kantor di luar sistem ini.", code="none"
            )
        if inside is not None and outside:
            raise forms.ValidationError(
                "Pilih salah satu: kantor dalam sistem ini atau kantor di luar sistem ini.",
                code="both",
            )
        data["tujuan_luar"] = outside
        return data


class TakeoverForm(_Confirmed):
    """Pengambilalihan: an official of a higher office finds a case of an office below by its
    register number (the number /cek/ answers for; registered cases only)."""

    # The case found at the first step, carried by the confirmation page: a second press of
    # "Ambil alih" then finds it already here and says so.
    perkara = RowIdField(required=False, widget=forms.HiddenInput)
    kantor = forms.ModelChoiceField(
        label="Kantor yang menangani perkara",
        queryset=Office.objects.none(),
        error_messages={
            "required": "Pilih kantor di bawah kantor Anda.",
            "invalid_choice": "Pilih kantor di bawah kantor Anda.",
        },
    )
    nomor = forms.CharField(
        label="Nomor register perkara",
        max_length=REGISTER_MAX_LENGTH,
        error_messages={"required": "Tulis nomor register perkara."},
    )
    alasan = forms.CharField(
        label="Alasan pengambilalihan",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=REASON_HELP,
        error_messages={"required": "Tulis alasan pengambilalihan."},
    )
    dasar_hukum = forms.CharField(
        label="Dasar hukum",
        max_length=_width("legal_basis"),
        initial=transfers.DEFAULT_LEGAL_BASIS + " ayat (3)",
        error_messages={"required": "Tulis dasar hukum pengambilalihan."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        below = [o.pk for o in user.office.descendants()] if user.office_id else []
        self.fields["kantor"].queryset = Office.objects.filter(pk__in=below, is_active=True)
        self.perkara = None

    def clean(self):
        from .models import Perkara

        data = super().clean()
        office, nomor = data.get("kantor"), data.get("nomor")
        if office is None or not nomor:
            return data
        self.perkara = (
            Perkara.objects.takeable_by(self.user)
            .filter(office=office, nomor_kunci=normalise_register(nomor))
            .select_related("office", "tahapan", "pemilihan")
            .first()
        )
        if self.perkara is None:
            self.add_error(
                "nomor",
                forms.ValidationError(
                    "Tidak ada perkara berjalan dengan nomor register itu di kantor tersebut.",
                    code="not_found",
                ),
            )
        return data
