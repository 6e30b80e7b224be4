"""Work on analyses that spans several rows and the audit trail. Each function checks nothing
about the caller's rights (the view does, with ``Anjab.can_*``), runs in one transaction and
writes its own audit entry."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from sisp import audit

from .models import SECTIONS, Anjab, AnjabDraft, KondisiLingkungan
from .reference import KONDISI_LINGKUNGAN_ASPEK
from .sections import FORM_FIELDS

if TYPE_CHECKING:
    from django.forms import BaseModelFormSet, ModelForm
    from django.http import HttpRequest

    from arsip.models import Naskah
    from sisp.models import User

    from .calculation import JobResult
    from .models import Jabatan


class WorkflowError(Exception):
    """A transition that the analysis's current status does not allow."""


class StaleSave(Exception):
    """The analysis was saved by someone (or another browser) after this form was opened.
    ``current`` is the locked row as it is now."""

    def __init__(self, current: Anjab) -> None:
        super().__init__("Analisis ini sudah disimpan lagi setelah formulir Anda dibuka.")
        self.current = current


def save_jabatan(
    jabatan: Jabatan, *, user: User, created: bool, request: HttpRequest | None = None
) -> Jabatan:
    """Save a job of the office (new or edited; ``JabatanForm.save(commit=False)`` set its
    office) with ``abk_anjab.jabatan_add`` / ``abk_anjab.jabatan_change``. Returns it."""
    with transaction.atomic():
        jabatan.save()
        audit.record(
            "abk_anjab.jabatan_add" if created else "abk_anjab.jabatan_change",
            request=request,
            actor=user,
            obj=jabatan,
        )
    return jabatan


@transaction.atomic
def create_anjab(
    jabatan: Jabatan,
    tahun: int,
    *,
    user: User,
    copy_from: Anjab | None = None,
    request: HttpRequest | None = None,
) -> Anjab:
    """A new draft analysis of ``jabatan`` for ``tahun``, optionally a copy of another year's
    (every section and task row, not the workflow). Returns the analysis, its figures computed."""
    anjab = Anjab(office_id=jabatan.office_id, jabatan=jabatan, tahun=tahun, created_by=user)
    anjab.bezetting = jabatan.bezetting
    if copy_from is not None:
        for field in Anjab._meta.concrete_fields:
            if field.name in _COPIED_FIELDS:
                setattr(anjab, field.name, getattr(copy_from, field.name))
    anjab.save()
    if copy_from is not None:
        for name in _M2M_FIELDS:
            getattr(anjab, name).set(getattr(copy_from, name).all())
        for related_name, model, _fields, _title in SECTIONS:
            rows = list(getattr(copy_from, related_name).all())
            for row in rows:
                row.pk = None
                row.anjab = anjab
            model._default_manager.bulk_create(rows)
    else:
        preset_kondisi_lingkungan(anjab)
    anjab.recalculate()
    audit.record(
        "abk_anjab.create",
        request=request,
        actor=user,
        obj=anjab,
        copied_from=copy_from.tahun if copy_from else None,
    )
    return anjab


def preset_kondisi_lingkungan(anjab: Anjab) -> list[KondisiLingkungan]:
    """The nine standard *kondisi lingkungan kerja* aspects as rows with an empty factor, for
    the analyst to describe (or delete). Returns the rows."""
    return KondisiLingkungan.objects.bulk_create(
        KondisiLingkungan(anjab=anjab, urutan=i, aspek=aspek)
        for i, aspek in enumerate(KONDISI_LINGKUNGAN_ASPEK)
    )


@transaction.atomic
def save_anjab(
    anjab: Anjab,
    form: ModelForm[Anjab] | None,
    formsets: Mapping[str, BaseModelFormSet[Any, Any]],
    *,
    user: User,
    base_version: int,
    section: str = "",
    request: HttpRequest | None = None,
) -> JobResult:
    """Save the main form (or None, for a table section alone) and the given section formsets
    of a draft analysis, then recompute the figures. The forms must be valid.

    Optimistic concurrency: ``base_version`` is the save number (``Anjab.versi``) the form was
    opened at. The row is locked and read again; when it was saved since (another person,
    another browser), StaleSave is raised and nothing is written. Otherwise the number goes up
    by one. A task row whose form accepted SISP's count (``TugasPokokForm.accepted``) gets its
    own audit entry, ``abk_anjab.volume_accept``. Returns the calculation result."""
    locked = Anjab.objects.select_for_update().get(pk=anjab.pk)
    if locked.status != Anjab.Status.DRAF:
        raise WorkflowError("Hanya analisis berstatus draf yang dapat diubah.")
    if locked.versi != base_version:
        raise StaleSave(locked)
    anjab.versi = locked.versi + 1
    if form is not None:
        form.save()
    else:
        anjab.save(update_fields=["versi", "updated_at"])
    accepted = []
    for formset in formsets.values():
        formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        deleted = set(map(id, formset.deleted_forms))
        order = 0
        for row_form in formset.forms:
            if id(row_form) in deleted or not (row_form.instance.pk or row_form.has_changed()):
                continue
            row = row_form.instance
            # Unchanged rows already in place are not written again (long analyses).
            if not row.pk or row_form.has_changed() or row.urutan != order:
                row.anjab = anjab
                row.urutan = order
                row.save()
            if getattr(row_form, "accepted", None):
                accepted.append((row, row_form.accepted))
            order += 1
    result = anjab.recalculate()
    for row, detail in accepted:
        # The user ticked "Pakai hitungan SISP" for this task: its volume is now SISP's count.
        audit.record(
            "abk_anjab.volume_accept",
            request=request,
            actor=user,
            obj=anjab,
            tugas=row.pk,
            **detail,
        )
    audit.record(
        "abk_anjab.save",
        request=request,
        actor=user,
        obj=anjab,
        kebutuhan_mentah=str(result.raw),
        kebutuhan=result.headcount,
        versi=anjab.versi,
        bagian=section,
    )
    return result


def keep_draft(
    anjab: Anjab,
    user: User,
    pairs: Sequence[Sequence[str]],
    *,
    versi: int,
    request: HttpRequest | None = None,
) -> AnjabDraft:
    """Keep what ``user`` typed into the form of ``anjab`` (``pairs``: ``[[name, value], ...]``)
    as their server draft, replacing the previous one. ``versi``: the save number the typing
    started from. Returns the draft. The caller checks ``anjab.can_edit(user)``.

    The trail records when a draft begins (and ``discard_draft`` when it ends), not each of
    the keystroke-paced updates in between: a draft changes no record of the office."""
    with transaction.atomic():
        draft, created = AnjabDraft.objects.update_or_create(
            anjab=anjab,
            user=user,
            defaults={"office_id": anjab.office_id, "data": pairs, "versi": versi},
        )
        if created:
            audit.record("abk_anjab.draft_keep", request=request, actor=user, obj=anjab)
    return draft


def discard_draft(
    anjab: Anjab, user: User, *, reason: str, request: HttpRequest | None = None
) -> bool:
    """Remove ``user``'s server draft of ``anjab`` (saved, or thrown away). Returns whether
    there was one."""
    with transaction.atomic():
        deleted, _ = AnjabDraft.objects.filter(anjab=anjab, user=user).delete()
        if deleted:
            audit.record(
                "abk_anjab.draft_discard", request=request, actor=user, obj=anjab, alasan=reason
            )
    return bool(deleted)


def _transition(
    anjab: Anjab,
    *,
    expected: Sequence[str],
    new: str,
    user: User,
    action: str,
    request: HttpRequest | None,
    note: str = "",
    stamp: str | None = None,
    before: Callable[[Anjab], None] | None = None,
    not_by: str | None = None,
) -> Anjab:
    """Move the analysis from one of ``expected`` to ``new``. Runs inside the caller's atomic
    block: the row is locked and its status read again, so of two reviewers acting at once
    the second waits and then finds the status changed (WorkflowError) instead of moving the
    analysis twice. ``not_by`` names the ``*_oleh`` field whose person may not take this step
    (four eyes), checked on the locked row too. Returns the locked, updated row."""
    anjab = Anjab.objects.select_for_update().get(pk=anjab.pk)
    if anjab.status not in expected:
        raise WorkflowError("Status analisis tidak memungkinkan tindakan ini.")
    if not_by and getattr(anjab, f"{not_by}_id") == user.pk:
        raise WorkflowError("Langkah ini harus dilakukan orang lain (prinsip empat mata).")
    if before:
        before(anjab)
    previous = anjab.status
    anjab.status = new
    fields = ["status", "updated_at"]
    if stamp:
        setattr(anjab, f"{stamp}_pada", timezone.now())
        setattr(anjab, f"{stamp}_oleh", user)
        fields += [f"{stamp}_pada", f"{stamp}_oleh"]
    if action == "abk_anjab.return":
        anjab.catatan_pengembalian = note
        fields.append("catatan_pengembalian")
    elif action == "abk_anjab.submit":
        anjab.catatan_pengembalian = ""
        fields.append("catatan_pengembalian")
    anjab.save(update_fields=fields)
    audit.record(
        action, request=request, actor=user, obj=anjab, dari=previous, ke=new, catatan=note
    )
    return anjab


@transaction.atomic
def submit_anjab(anjab: Anjab, *, user: User, request: HttpRequest | None = None) -> Anjab:
    """Draft -> submitted (diajukan). Refused (WorkflowError) while a required section is
    empty (``sections.missing_required``). Recomputes the figures first so what is verified is
    the server's calculation."""

    def before(locked: Anjab) -> None:
        from .sections import missing_required

        missing = missing_required(locked)
        if missing:
            raise WorkflowError(
                "Belum dapat diajukan: bagian wajib masih kosong: " + ", ".join(missing) + "."
            )
        locked.recalculate()

    return _transition(
        anjab,
        before=before,
        expected=[Anjab.Status.DRAF],
        new=Anjab.Status.DIAJUKAN,
        user=user,
        action="abk_anjab.submit",
        request=request,
        stamp="diajukan",
    )


@transaction.atomic
def verify_anjab(anjab: Anjab, *, user: User, request: HttpRequest | None = None) -> Anjab:
    return _transition(
        anjab,
        expected=[Anjab.Status.DIAJUKAN],
        new=Anjab.Status.DIVERIFIKASI,
        user=user,
        action="abk_anjab.verify",
        request=request,
        not_by="diajukan_oleh",
        stamp="diverifikasi",
    )


@transaction.atomic
def approve_anjab(anjab: Anjab, *, user: User, request: HttpRequest | None = None) -> Anjab:
    return _transition(
        anjab,
        expected=[Anjab.Status.DIVERIFIKASI],
        new=Anjab.Status.DISETUJUI,
        user=user,
        action="abk_anjab.approve",
        request=request,
        not_by="diverifikasi_oleh",
        stamp="disetujui",
    )


@transaction.atomic
def return_anjab(
    anjab: Anjab, *, user: User, note: str, request: HttpRequest | None = None
) -> Anjab:
    """Submitted or verified -> back to draft with the reviewer's note."""
    return _transition(
        anjab,
        expected=[Anjab.Status.DIAJUKAN, Anjab.Status.DIVERIFIKASI],
        new=Anjab.Status.DRAF,
        user=user,
        action="abk_anjab.return",
        request=request,
        note=note,
    )


# A copy takes every field of the form (abk_anjab/sections.py) but the number of people in the
# job, which is the job's own today; the many-to-many ones are set after the save.
_COPIED_FIELDS = [name for name in FORM_FIELDS if name != "bezetting"]
_M2M_FIELDS = [name for name in _COPIED_FIELDS if Anjab._meta.get_field(name).many_to_many]


# Filing code of these documents (Perbawaslu 11/2020: OT.02 Analisis Jabatan dan Beban Kerja).
ARSIP_CODE = "OT.02"


@transaction.atomic
def file_anjab_to_arsip(anjab: Anjab, *, user: User, request: HttpRequest | None = None) -> Naskah:
    """File the approved analysis as a PDF into E-Arsip under OT.02, once. Returns the Naskah.
    Callers: holders of abk_anjab.approve_anjab (checked by the view through can_file)."""
    from arsip.services import file_generated_document

    from . import documents

    anjab = Anjab.objects.select_for_update().get(pk=anjab.pk)
    if anjab.status != Anjab.Status.DISETUJUI:
        raise WorkflowError("Hanya analisis yang sudah disetujui yang dapat diarsipkan.")
    if anjab.naskah_arsip_id:
        raise WorkflowError("Analisis ini sudah diarsipkan di E-Arsip.")
    anjab = documents.load_anjab(Anjab.objects.filter(pk=anjab.pk), anjab.pk)
    pdf = documents.anjab_pdf(anjab)
    naskah = file_generated_document(
        user=user,
        kode=ARSIP_CODE,
        perihal=f"Analisis Jabatan dan Beban Kerja: {anjab.jabatan.nama} tahun {anjab.tahun}",
        tanggal=timezone.localdate(anjab.disetujui_pada)
        if anjab.disetujui_pada
        else timezone.localdate(),
        unit=anjab.jabatan.unit,
        content=pdf,
        file_name=f"anjab-{anjab.jabatan.pk}-{anjab.tahun}.pdf",
        jenis="laporan",
        keterangan="Diarsipkan dari modul ABK & Anjab setelah disetujui.",
        request=request,
    )
    Anjab.objects.filter(pk=anjab.pk).update(naskah_arsip=naskah)
    audit.record("abk_anjab.file_arsip", request=request, actor=user, obj=anjab, naskah=naskah.pk)
    return naskah
