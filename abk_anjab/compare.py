""" "Bandingkan dengan tahun lalu": which figures of an analysis changed from the previous
analysis of the same job (the nearest earlier year), old -> new. Only what changed is listed;
unchanged figures are counted, not shown.

Figures of the job: bezetting, effective working time, total workload, raw and final head
count, difference and EJ/PJ. Figures of each task (volume with its period, completion time
with its unit, staff needed), tasks matched by their description (case and spacing ignored):
a task of one year only is listed as new or as gone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .formatting import EJ_NO_HOLDER, EMPTY, NEED_PLACES, angka, ej_pj

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from .models import Anjab, TugasPokok

# (label, comparable value, shown text) of one figure.
Figure = tuple[str, Any, str]


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass
class TaskChange:
    uraian: str
    state: str  # "berubah", "baru" (this year only), "hilang" (previous year only)
    changes: list[Change] = field(default_factory=list)

    @property
    def state_label(self) -> str:
        return {"baru": "Tugas baru", "hilang": "Tidak ada lagi tahun ini"}.get(self.state, "")


@dataclass
class Comparison:
    current: Anjab
    previous: Anjab | None  # the earlier Anjab, or None
    job: list[Change] = field(default_factory=list)
    tasks: list[TaskChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.job or self.tasks)


def _key(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _ej(anjab: Anjab) -> str:
    return EJ_NO_HOLDER if anjab.ej is None else ej_pj(anjab.ej, anjab.pj, anjab.pj_label)


def _job_figures(anjab: Anjab) -> list[Figure]:
    """(label, comparable value, shown text) of the job's figures."""
    return [
        ("Pemangku saat ini (bezetting)", anjab.bezetting, angka(anjab.bezetting)),
        ("Waktu kerja efektif (jam per tahun)", anjab.wke_jam, angka(anjab.wke_jam)),
        (
            "Beban kerja (menit per tahun)",
            anjab.beban_kerja_menit,
            angka(anjab.beban_kerja_menit, 2),
        ),
        (
            "Kebutuhan pegawai (belum dibulatkan)",
            anjab.kebutuhan_mentah,
            angka(anjab.kebutuhan_mentah, NEED_PLACES),
        ),
        ("Kebutuhan pegawai", anjab.kebutuhan, angka(anjab.kebutuhan)),
        ("Selisih (bezetting − kebutuhan)", anjab.selisih, angka(anjab.selisih)),
        ("Efektivitas jabatan (EJ) dan prestasi (PJ)", (anjab.ej, anjab.pj), _ej(anjab)),
    ]


def _task_figures(task: TugasPokok) -> list[Figure]:
    return [
        (
            "Jumlah hasil (beban kerja)",
            (task.volume, task.periode),
            f"{angka(task.volume)} {task.get_periode_display()}",
        ),
        (
            "Waktu penyelesaian (norma waktu)",
            (task.waktu, task.satuan_waktu),
            f"{angka(task.waktu)} {task.get_satuan_waktu_display()}",
        ),
        ("Kebutuhan pegawai", task.kebutuhan, angka(task.kebutuhan, NEED_PLACES)),
    ]


def _diff(old_figures: list[Figure], new_figures: list[Figure]) -> tuple[list[Change], int]:
    changes: list[Change] = []
    same = 0
    for (label, old, old_text), (_label, new, new_text) in zip(
        old_figures, new_figures, strict=True
    ):
        if old == new:
            same += 1
        else:
            changes.append(Change(label, old_text, new_text))
    return changes, same


def compare(current: Anjab, previous: Anjab | None) -> Comparison:
    """The Comparison of ``current`` with ``previous`` (None: nothing to compare). Reads the
    task rows of both (prefetch ``tugas_pokok`` to keep it to one query each)."""
    result = Comparison(current, previous)
    if previous is None:
        return result
    result.job, result.unchanged = _diff(_job_figures(previous), _job_figures(current))
    before: dict[str, TugasPokok] = {}
    for task in previous.tugas_pokok.all():
        before.setdefault(_key(task.uraian), task)
    for task in current.tugas_pokok.all():
        old = before.pop(_key(task.uraian), None)
        if old is None:
            result.tasks.append(
                TaskChange(
                    task.uraian,
                    "baru",
                    [Change(label, EMPTY, text) for label, _v, text in _task_figures(task)],
                )
            )
            continue
        changes, same = _diff(_task_figures(old), _task_figures(task))
        result.unchanged += same
        if changes:
            result.tasks.append(TaskChange(task.uraian, "berubah", changes))
    for task in before.values():
        result.tasks.append(
            TaskChange(
                task.uraian,
                "hilang",
                [Change(label, text, EMPTY) for label, _v, text in _task_figures(task)],
            )
        )
    return result


def previous_of(anjab: Anjab, queryset: QuerySet[Anjab]) -> Anjab | None:
    """The nearest earlier analysis of the same job in ``queryset`` (the user's door), or
    None."""
    return (
        queryset.filter(jabatan_id=anjab.jabatan_id, tahun__lt=anjab.tahun)
        .order_by("-tahun")
        .prefetch_related("tugas_pokok")
        .first()
    )
