import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.forms import inlineformset_factory

from sisp.models import Unit

from . import calculation, conf, volumes
from .models import (
    SECTIONS,
    TUGAS_FIELDS,
    Anjab,
    Jabatan,
    KodeSyarat,
    NomenklaturJabatan,
    TugasPokok,
)
from .sections import COUNTS_BY, FORM_FIELDS, PAGE_SECTIONS

# Inputs whose content makes their section count as filled (abk_anjab/sections.py).
COUNTING_FIELDS = {name for section in PAGE_SECTIONS for name in section.counts}
THOUSANDS = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$")
NUMBER_ERRORS = {
    "invalid": "Masukkan angka, mis. 12 atau 2,5.",
    "required": "Wajib diisi.",
    "min_value": "Tidak boleh negatif.",
    "max_digits": "Angka terlalu panjang.",
    "max_decimal_places": "Paling banyak %(max)s angka di belakang koma.",
    "max_whole_digits": "Angka terlalu besar.",
}


def parse_number(value):
    """Decimal from what an Indonesian user types: "2,5", "1.250", "1.250,5", "2.5".
    Returns None when it is not a number."""
    text = str(value or "").strip().replace(" ", "")
    if not text:
        return None
    if "," in text:
        # Indonesian notation: dots group thousands, the comma is the decimal separator.
        text = text.replace(".", "").replace(",", ".")
    elif THOUSANDS.match(text):
        # "1.250" or "1.250.000": thousands separators, not a decimal point ("0.125" stays).
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


class AngkaField(forms.DecimalField):
    """A decimal field that accepts Indonesian notation and says so in Indonesian."""

    default_error_messages = NUMBER_ERRORS

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        # Show stored numbers the Indonesian way and without trailing zeros: 1250.00 -> "1250",
        # 2.50 -> "2,5" (parse_number reads them back).
        if isinstance(value, Decimal) and value.is_finite():
            return format(value.normalize(), "f").replace(".", ",")
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_number(value)
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class JabatanForm(forms.ModelForm):
    class Meta:
        model = Jabatan
        fields = ["unit", "atasan", "nama", "kode", "jenis", "kelas_jabatan", "bezetting", "urutan"]
        error_messages = {
            "nama": {"required": "Nama jabatan wajib diisi."},
            "unit": {"required": "Pilih unit kerja."},
            "kelas_jabatan": {
                "min_value": "Kelas jabatan 1 sampai 17.",
                "max_value": "Kelas jabatan 1 sampai 17.",
            },
        }

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.office = office
        self.fields["unit"].queryset = Unit.objects.filter(office=office)
        others = Jabatan.objects.filter(office=office).select_related("unit")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["atasan"].queryset = others
        # The national nomenclature is offered while typing (a datalist), not enforced: a
        # leadership post or a functional job has its own name.
        self.nomenklatur = list(NomenklaturJabatan.objects.filter(is_active=True))
        self.fields["nama"].widget.attrs["list"] = "nomenklatur-jabatan"
        self.fields["nama"].help_text = (
            "Jabatan Pelaksana: pilih nama dari nomenklatur KepmenPANRB 282/2025; "
            "nama bertanda (?) belum dicocokkan dengan lampiran keputusan."
        )

    def clean(self):
        cleaned = super().clean()
        unit, nama = cleaned.get("unit"), cleaned.get("nama")
        if unit and nama:
            clash = Jabatan.objects.filter(unit=unit, nama__iexact=nama)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("nama", "Jabatan dengan nama ini sudah ada di unit tersebut.")
        return cleaned

    def save(self, commit=True):
        self.instance.office = self.office
        return super().save(commit)


class NewAnjabForm(forms.Form):
    tahun = forms.IntegerField(
        label="Tahun analisis",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "Isi tahun analisis.",
            "invalid": "Tahun berupa angka, mis. 2026.",
            "min_value": "Tahun tidak masuk akal.",
            "max_value": "Tahun tidak masuk akal.",
        },
    )
    salin = forms.BooleanField(
        label="Salin isi analisis tahun sebelumnya sebagai titik awal", required=False
    )


class AnjabForm(forms.ModelForm):
    wke_jam = AngkaField(
        label="Waktu kerja efektif (jam per tahun)",
        min_value=Decimal(1),
        max_digits=7,
        decimal_places=2,
        help_text=conf.WKE_HELP_TEXT,
    )

    class Meta:
        model = Anjab
        # One list: the sections of the page (abk_anjab/sections.py) name the fields.
        fields = list(FORM_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in [
                "kedudukan",
                "ikhtisar",
                "pendidikan",
                "pelatihan_struktural",
                "pelatihan_teknis",
                "pelatihan_fungsional",
                "pengalaman",
                "pengetahuan",
                "keterampilan",
                "informasi_lain",
                "dasar_penetapan",
            ]
        }
        error_messages = {
            "bezetting": {
                "invalid": "Bezetting berupa bilangan bulat, mis. 2.",
                "min_value": "Bezetting tidak boleh negatif.",
                "max_value": "Bezetting terlalu besar.",
            },
            "jumlah_ditetapkan": {"invalid": "Isi bilangan bulat, mis. 1."},
        }

    CODE_FIELDS = ["bakat", "temperamen", "minat", "upaya_fisik", "fungsi_pekerjaan"]

    def __init__(self, *args, only=None, **kwargs):
        """``only``: the names of the fields to read and save (one section of the page); the
        others are left out, so the instance keeps their stored values."""
        super().__init__(*args, **kwargs)
        if only is not None:
            for name in list(self.fields):
                if name not in only:
                    del self.fields[name]
        for name in COUNTING_FIELDS & set(self.fields):
            self.fields[name].widget.attrs["data-counts"] = ""
        # One query for every code list instead of one per list.
        codes = list(KodeSyarat.objects.all()) if set(self.CODE_FIELDS) & set(self.fields) else []
        for name in self.CODE_FIELDS:
            if name not in self.fields:
                continue
            field = self.fields[name]
            jenis = Anjab._meta.get_field(name).remote_field.limit_choices_to["jenis"]
            field.widget = forms.CheckboxSelectMultiple()
            field.choices = [(c.pk, str(c)) for c in codes if c.jenis == jenis]
            field.help_text = ""

    def clean(self):
        cleaned = super().clean()
        if (
            "dasar_penetapan" in self.fields
            and cleaned.get("kebutuhan_ditetapkan")
            and not (cleaned.get("dasar_penetapan") or "").strip()
        ):
            self.add_error(
                "dasar_penetapan",
                forms.ValidationError(
                    "Tuliskan dasar penetapan jumlah pegawai jabatan pimpinan ini.",
                    code="basis_required",
                ),
            )
        return cleaned


SOURCE_LIST = "abk-sumber-hitungan"


class SourceInput(forms.TextInput):
    """The source field: shows a stored key as its label; what is typed stays as typed."""

    labels: dict[str, str] = {}

    def format_value(self, value):
        value = super().format_value(value)
        return self.labels.get(value, value) if value else value


class TugasPokokForm(forms.ModelForm):
    volume = AngkaField(label="Jumlah hasil", min_value=Decimal(0), max_digits=12, decimal_places=2)
    waktu = AngkaField(
        label="Waktu penyelesaian", min_value=Decimal(0), max_digits=10, decimal_places=2
    )
    # Typed or picked from the page's one list of sources (``SOURCE_LIST``, a <datalist>
    # rendered once for all task cards instead of a select of every source in each card):
    # the source's label (or its key) is posted and cleaned back to the key.
    sumber_hitungan = forms.CharField(
        label="Sumber hitungan",
        required=False,
        max_length=200,
        widget=SourceInput(attrs={"list": SOURCE_LIST, "autocomplete": "off"}),
    )
    # Ticked: the volume becomes SISP's count shown beside it (abk_anjab/volumes.py), per year.
    # The count shown is posted back (``<prefix>-hitungan_dilihat``): a count that changed
    # since is refused, so the user takes exactly the number they saw.
    pakai_hitungan = forms.BooleanField(label="Pakai hitungan SISP", required=False)

    class Meta:
        model = TugasPokok
        fields = TUGAS_FIELDS
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "uraian": {"required": "Uraikan tugasnya."},
            "hasil_kerja": {"required": "Isi hasil kerja."},
            "satuan_hasil": {"required": "Isi satuan hasil, mis. dokumen."},
        }

    def __init__(self, *args, counter=None, **kwargs):
        """``counter``: the analysis's ``volumes.Counter`` for the user filling in the form
        (the sources offered and their counts); without it only the stored source is known."""
        super().__init__(*args, **kwargs)
        self.counter = counter
        self.accepted = None
        choices = list(counter.choices) if counter else [("", "— tanpa sumber hitungan —")]
        stored = self.instance.sumber_hitungan
        if stored and stored not in _flat_keys(choices):
            choices.append(("Tersimpan", [(stored, volumes.label_of(stored))]))
        self.sources = {}  # key -> label, the sources this form accepts
        self.source_groups = []  # (label, group) for the page's one list
        for group, options in choices:
            if not isinstance(options, list | tuple):
                continue  # "— tanpa sumber hitungan —": an empty field says it
            for key, label in options:
                self.sources[key] = label
                self.source_groups.append((_words(label), group))
        self.by_label = {_words(label): key for key, label in self.sources.items()}
        self.fields["sumber_hitungan"].widget.labels = {
            key: _words(label) for key, label in self.sources.items()
        }
        if self.is_bound and self.fields["pakai_hitungan"].widget.value_from_datadict(
            self.data, self.files, self.add_prefix("pakai_hitungan")
        ):
            # The volume comes from the count: nothing needs to be typed.
            self.fields["volume"].required = False

    @property
    def suggestion(self):
        """The count suggested for the source shown (bound or stored), or None."""
        if self.counter is None:
            return None
        return self.counter.suggestion(self.source_key(self["sumber_hitungan"].value()))

    def source_key(self, text):
        """The source key of what the field holds (a label or a key), or None."""
        text = (text or "").strip()
        if text in self.sources:
            return text
        return self.by_label.get(_words(text))

    def clean_sumber_hitungan(self):
        text = (self.cleaned_data.get("sumber_hitungan") or "").strip()
        if not text:
            return ""
        key = self.source_key(text)
        if key is None:
            raise forms.ValidationError(
                "Sumber hitungan “%(text)s” tidak ada di daftar. Pilih salah satu dari daftar "
                "(ketik sebagian namanya), atau kosongkan.",
                code="unknown_source",
                params={"text": text[:80]},
            )
        return key

    def _seen_count(self):
        try:
            return int(self.data.get(self.add_prefix("hitungan_dilihat"), ""))
        except (TypeError, ValueError):
            return None

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("pakai_hitungan"):
            return cleaned
        key = cleaned.get("sumber_hitungan")
        if not key:
            self.add_error(
                "sumber_hitungan",
                forms.ValidationError("Pilih sumber hitungan dulu.", code="no_source"),
            )
            return cleaned
        count = self.counter.count(key) if self.counter else None
        seen = self._seen_count()
        if count is None:
            self.add_error(
                "pakai_hitungan",
                forms.ValidationError(
                    "Hitungan sumber ini tidak tersedia untuk Anda.", code="no_count"
                ),
            )
        elif seen != count:
            self.add_error(
                "pakai_hitungan",
                forms.ValidationError(
                    "Jumlah hasil belum diganti: hitungan SISP untuk sumber ini %(count)s, "
                    "bukan angka yang tadi ditampilkan. Periksa, lalu centang lagi bila sesuai.",
                    code="count_changed",
                    params={"count": count},
                ),
            )
        else:
            self.accepted = {
                "sumber": key,
                "tahun": self.counter.year,
                "jumlah": count,
                "sebelumnya": str(
                    cleaned.get("volume") if cleaned.get("volume") is not None else ""
                ),
                "periode_sebelumnya": cleaned.get("periode") or "",
            }
            # The count is of a whole year: the volume is then per year.
            cleaned["volume"] = Decimal(count)
            cleaned["periode"] = TugasPokok.Periode.TAHUN
        return cleaned


def _words(text):
    """A label as typed or picked: its words, single-spaced (a code without a name ends its
    label with a space, which the browser keeps and a person does not type)."""
    return " ".join(str(text).split())


def _flat_keys(choices):
    keys = set()
    for value, label in choices:
        if isinstance(label, list | tuple):
            keys.update(v for v, _ in label)
        else:
            keys.add(value)
    return keys


def _formset_class(name, model, fields):
    if model is TugasPokok:
        cls = inlineformset_factory(
            Anjab, TugasPokok, form=TugasPokokForm, extra=1, can_delete=True
        )
    else:
        widgets = {f: forms.TextInput() for f in fields}
        # A copy: Django's inline formset appends the foreign key ("anjab") to the form's field
        # list in place, which put a spurious "Anjab" column into the documents built from
        # SECTIONS.
        cls = inlineformset_factory(
            Anjab, model, fields=list(fields), extra=1, can_delete=True, widgets=widgets
        )
    cls.form.base_fields[COUNTS_BY[name]].widget.attrs["data-counts"] = ""
    return cls


FORMSET_CLASSES = {name: _formset_class(name, model, fields) for name, model, fields, _ in SECTIONS}
SECTION_TITLES = {name: title for name, _model, _fields, title in SECTIONS}


def section_formsets(anjab, data=None, only=None, *, counter=None):
    """Every section formset of an analysis (or those named in ``only``), keyed (and prefixed)
    by its related name. ``counter`` (``volumes.Counter``) gives the task rows their count
    sources and suggestions."""
    return {
        name: cls(
            data,
            instance=anjab,
            prefix=name,
            **({"form_kwargs": {"counter": counter}} if name == "tugas_pokok" else {}),
        )
        for name, cls in FORMSET_CLASSES.items()
        if only is None or name in only
    }


def formset_as_data(formset):
    """The POST fields that show ``formset`` (unbound, read from the database) as it is
    stored: management form and every stored row. Used to refresh a draft after a section
    was saved, so its new rows carry their ids and are not added a second time."""
    data = {
        f"{formset.prefix}-TOTAL_FORMS": str(len(formset.initial_forms)),
        f"{formset.prefix}-INITIAL_FORMS": str(len(formset.initial_forms)),
        f"{formset.prefix}-MIN_NUM_FORMS": "0",
        f"{formset.prefix}-MAX_NUM_FORMS": "1000",
    }
    for row in formset.initial_forms:
        for bound in row:
            value = bound.value()
            if value is None or value is False:
                continue
            data[bound.html_name] = str(bound.field.prepare_value(value))
        data[row.add_prefix("id")] = str(row.instance.pk)
        data[row.add_prefix("anjab")] = str(formset.instance.pk)
    return data


class VersionForm(forms.Form):
    """The save number the form was opened at (``versi``) and, after a refusal, the newer
    number the user chose to overwrite (``timpa``)."""

    versi = forms.IntegerField(min_value=1, required=False)
    timpa = forms.IntegerField(min_value=1, required=False)

    def base_version(self):
        """The number the save started from; 0 (never current) when none was posted."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return data.get("timpa") or data.get("versi") or 0


def form_count(data, prefix):
    """``<prefix>-TOTAL_FORMS`` read by an IntegerField, at most 1000; 0 when not a count."""
    try:
        total = forms.IntegerField(min_value=0).clean(data.get(f"{prefix}-TOTAL_FORMS"))
    except forms.ValidationError:
        return 0
    return min(total, 1000)


def with_added_row(data, prefix):
    """A copy of POST data with one more (empty) form in the ``prefix`` formset."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    total = form_count(data, prefix)
    data[key] = str(min(total + 1, 1000))
    # The new row carries its defaults (e.g. "per tahun"), as a browser would post them, so it
    # counts as unchanged and shows no errors until the user types in it.
    for name, field in FORMSET_CLASSES[prefix].form.base_fields.items():
        initial = field.initial
        if initial not in (None, "") and not isinstance(initial, bool) and not callable(initial):
            data.setdefault(f"{prefix}-{total}-{name}", str(initial))
    return data


class PreviewForm(forms.Form):
    """The main figures of the live preview, read by the very fields (and bounds) of the save;
    a value that does not validate leaves the stored figure in place."""

    bezetting = AnjabForm.base_fields["bezetting"]
    wke_jam = AnjabForm.base_fields["wke_jam"]
    pembulatan = AnjabForm.base_fields["pembulatan"]
    kebutuhan_ditetapkan = AnjabForm.base_fields["kebutuhan_ditetapkan"]
    jumlah_ditetapkan = AnjabForm.base_fields["jumlah_ditetapkan"]

    def figures(self):
        """The figures that validate, by name."""
        self.is_valid()
        return self.cleaned_data


class TaskPreviewForm(forms.Form):
    """One task row of the live preview, read by the fields of the save."""

    volume = TugasPokokForm.base_fields["volume"]
    waktu = TugasPokokForm.base_fields["waktu"]
    satuan_waktu = TugasPokokForm.base_fields["satuan_waktu"]
    periode = TugasPokokForm.base_fields["periode"]


def tasks_from_data(data, prefix="tugas_pokok"):
    """The task rows typed so far, read leniently for the live preview: a list of
    ``(index, uraian, Task or None)``; None where the row is incomplete or not a number yet.
    Deleted and empty rows are left out."""
    total = form_count(data, prefix)
    rows = []
    for i in range(total):
        key = f"{prefix}-{i}-"
        if data.get(key + "DELETE"):
            continue
        row = TaskPreviewForm(
            {
                "volume": data.get(key + "volume"),
                "waktu": data.get(key + "waktu"),
                "satuan_waktu": data.get(key + "satuan_waktu") or TugasPokok.SatuanWaktu.MENIT,
                "periode": data.get(key + "periode") or TugasPokok.Periode.TAHUN,
            }
        )
        valid = row.is_valid()
        volume, waktu = row.cleaned_data.get("volume"), row.cleaned_data.get("waktu")
        uraian = (data.get(key + "uraian") or "").strip()
        if volume is None and waktu is None and not uraian:
            continue
        task = None
        if valid:
            fields = row.cleaned_data
            task = calculation.Task(volume, waktu, fields["satuan_waktu"], fields["periode"])
        rows.append((i, uraian, task))
    return rows


class RecapFilterForm(forms.Form):
    """``?tahun=`` and ``?unit=`` of the ABK pages: a year in range and a unit of the office."""

    tahun = forms.IntegerField(required=False, min_value=2000, max_value=2100)
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, office_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(office_id=office_id)

    def year(self, default):
        """The year asked for; ``default`` when none or not a year of the range."""
        self.is_valid()
        return self.cleaned_data.get("tahun") or default


class ReturnForm(forms.Form):
    catatan = forms.CharField(
        label="Catatan pengembalian",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Tuliskan apa yang perlu diperbaiki."},
    )
