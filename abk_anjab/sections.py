"""The sections of the Anjab form page, in page order: what each holds, when it counts as
filled (the section index and its progress, the submission check) and which must be filled
before an analysis is submitted (``conf.required_sections()``, unconfirmed (?)).

A section is filled when one of its *counting* fields holds something: for a plain section any
of its fields, for a table section the main column of a row not ticked for removal (the nine
preset *kondisi lingkungan* aspects count once their factor is written). The browser applies
the same rule live (``data-counts`` on those inputs, ``static/abk_anjab/abk_anjab.js``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import conf

if TYPE_CHECKING:
    from django.forms import BaseForm, BaseFormSet

    from .models import Anjab


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    fields: tuple[str, ...] = ()  # fields of AnjabForm shown (and saved) in the section
    counts: tuple[str, ...] = ()  # of those, the ones that make it filled (left out: all of them)
    formset: str = ""  # prefix (related name) of the section's table, if any
    counts_by: str = ""  # the table's main column

    def __post_init__(self) -> None:
        if not self.counts:
            object.__setattr__(self, "counts", self.fields)

    @property
    def anchor(self) -> str:
        return f"bagian-{self.key}"


PAGE_SECTIONS = [
    Section(
        "dasar",
        "Dasar perhitungan",
        fields=(
            "bezetting",
            "wke_jam",
            "pembulatan",
            "kebutuhan_ditetapkan",
            "jumlah_ditetapkan",
            "dasar_penetapan",
        ),
        counts=("wke_jam",),
    ),
    Section(
        "tugas_pokok",
        "Tugas pokok dan beban kerja (ABK)",
        formset="tugas_pokok",
        counts_by="uraian",
    ),
    Section(
        "kedudukan",
        "Kedudukan dan ikhtisar jabatan",
        fields=("kedudukan", "ikhtisar"),
    ),
    Section(
        "kualifikasi",
        "Kualifikasi jabatan",
        fields=(
            "pendidikan",
            "pelatihan_struktural",
            "pelatihan_teknis",
            "pelatihan_fungsional",
            "pengalaman",
        ),
    ),
    Section("hasil_kerja", "Hasil kerja", formset="hasil_kerja", counts_by="hasil"),
    Section("bahan_kerja", "Bahan kerja", formset="bahan_kerja", counts_by="bahan"),
    Section("perangkat_kerja", "Perangkat kerja", formset="perangkat_kerja", counts_by="perangkat"),
    Section("tanggung_jawab", "Tanggung jawab", formset="tanggung_jawab", counts_by="uraian"),
    Section("wewenang", "Wewenang", formset="wewenang", counts_by="uraian"),
    Section("korelasi", "Korelasi jabatan", formset="korelasi", counts_by="jabatan"),
    Section(
        "kondisi_lingkungan",
        "Kondisi lingkungan kerja",
        formset="kondisi_lingkungan",
        counts_by="faktor",
    ),
    Section("risiko_bahaya", "Risiko bahaya", formset="risiko_bahaya", counts_by="risiko"),
    Section(
        "prestasi_kerja",
        "Prestasi kerja yang diharapkan",
        formset="prestasi_kerja",
        counts_by="hasil",
    ),
    Section(
        "syarat",
        "Syarat jabatan",
        fields=(
            "pangkat_golongan",
            "pengetahuan",
            "keterampilan",
            "bakat",
            "temperamen",
            "minat",
            "upaya_fisik",
            "fungsi_pekerjaan",
            "jenis_kelamin",
            "umur",
            "tinggi_badan",
            "berat_badan",
            "postur_badan",
            "penampilan",
        ),
    ),
    Section("informasi_lain", "Informasi lain", fields=("informasi_lain",)),
]
BY_KEY = {section.key: section for section in PAGE_SECTIONS}
# The fields of AnjabForm, in page order: the form reads its field list from here.
FORM_FIELDS = tuple(name for section in PAGE_SECTIONS for name in section.fields)
# Counting column of each table, by formset prefix (forms.py marks those inputs).
COUNTS_BY = {s.formset: s.counts_by for s in PAGE_SECTIONS if s.formset}


def _has_value(value: object) -> bool:
    if isinstance(value, list | tuple):
        return any(_has_value(v) for v in value)
    return value not in (None, "", False) and str(value).strip() != ""


def is_filled(section: Section, form: BaseForm, formsets: Mapping[str, BaseFormSet[Any]]) -> bool:
    """Whether ``section`` holds something in the form as shown (bound or not)."""
    if section.formset:
        formset = formsets[section.formset]
        for row in formset.forms:
            deleted = formset.can_delete and _has_value(row["DELETE"].value())
            if not deleted and _has_value(row[section.counts_by].value()):
                return True
        return False
    return any(_has_value(form[name].value()) for name in section.counts if name in form.fields)


@dataclass
class SectionState:
    section: Section
    filled: bool
    required: bool
    errors: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def missing(self) -> bool:
        return self.required and not self.filled


def states(form: BaseForm, formsets: Mapping[str, BaseFormSet[Any]]) -> list[SectionState]:
    """One SectionState per page section, in page order."""
    required = set(conf.required_sections())
    result = []
    for section in PAGE_SECTIONS:
        errors = False
        if form.is_bound:
            if section.formset:
                formset = formsets[section.formset]
                errors = bool(formset.is_bound and formset.total_error_count())
            else:
                errors = any(form.errors.get(name) for name in section.fields)
        result.append(
            SectionState(
                section, is_filled(section, form, formsets), section.key in required, errors
            )
        )
    return result


def missing_required(anjab: Anjab) -> list[str]:
    """Titles of the required sections that the stored analysis leaves empty (page order)."""
    from .forms import AnjabForm, section_formsets

    form = AnjabForm(instance=anjab)
    formsets = section_formsets(anjab)
    return [s.section.title for s in states(form, formsets) if s.missing]
