"""E-Arsip pages. Every record a view touches comes from ``Naskah.objects.visible_to``: what
a user may not see is a 404, exactly like a record that does not exist. Changes (edit, new
version) also need ``Naskah.objects.editable_by``: a visible record one may not change is a
403."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from sisp.models import AuditEvent

from . import access, authority, conf, exports, search, services, snippets, stamping
from .forms import (
    DecisionForm,
    FilterForm,
    GrantForm,
    KelasForm,
    NaskahForm,
    PermohonanForm,
    PurposeForm,
    TraceForm,
    VersionForm,
)
from .models import Berkas, HakAkses, KlasifikasiArsip, Naskah, PermohonanAkses

LIST_RELATED = ["klasifikasi", "kelas", "unit", "berkas"]


# List orders a door part can be read in from its index (see access.door_parts).
_PART_ORDERS = {("-tanggal", "-id"), ("tanggal", "id")}


def first_match_ids(qs, limit, *, user):
    """The ids of the first ``limit`` records of ``qs`` (already ``visible_to(user)``, and
    ordered), in its order. On Postgres, for a user whose door splits into parts, each
    part's first ``limit`` come from its own index and one UNION takes the first ``limit``
    of them all: the same ids as one query over the whole door, without scanning the
    office for a pelaksana's tenth of it."""
    order = tuple(qs.query.order_by)
    parts = None
    if connection.vendor == "postgresql" and order in _PART_ORDERS and not qs.query.is_empty():
        parts = access.door_parts(user)
    if not parts:
        return list(qs.values_list("pk", flat=True)[:limit])
    fields = [name.lstrip("-") for name in order]
    branches = [qs.filter(part).values_list(*fields)[:limit] for part in parts]
    combined = branches[0].union(*branches[1:])  # UNION: a record in two parts comes once
    return [row[fields.index("id")] for row in combined.order_by(*order)[:limit]]


def result_page(qs, page_number, *, user, relevance_query=None):
    """One page of results, fetched ids-first.

    The ids of at most ``conf.count_cap()`` + 1 matches, in the list's order, come in one
    query (a bounded total: an exact count of 400,000 matches for "surat" costs a full
    index scan and helps nobody); the page's rows come in a second query by primary key.
    This keeps Postgres on plans whose cost does not depend on how rare a word is. With a
    relevance sort, the (at most cap) matches are ranked among themselves.
    """
    cap = conf.count_cap()
    ids = first_match_ids(qs, cap + 1, user=user)
    capped = len(ids) > cap
    ids = ids[:cap]
    if relevance_query and ids:
        ranks = dict(
            search.search(
                Naskah.objects.filter(pk__in=ids), relevance_query, rank=True
            ).values_list("pk", "rank")
        )
        ids.sort(key=lambda pk: -(ranks.get(pk) or 0))  # stable: date order among equals
    paginator = Paginator(ids, conf.page_size())
    paginator.capped = capped
    page = paginator.get_page(page_number)
    rows = (
        Naskah.objects.filter(pk__in=list(page.object_list))
        .select_related(*LIST_RELATED)
        .defer("search_vector")
        .with_nomor_terlihat(user)
        .with_first_item_kelas()
    )
    by_pk = {n.pk: n for n in rows}
    page.object_list = [by_pk[pk] for pk in page.object_list if pk in by_pk]
    return page


def klasifikasi_options():
    """The <option>s of the filing-code datalist, built in one query and one join: 200 codes
    through the template engine (or format_html) cost more than the rest of the list page."""
    rows = (
        KlasifikasiArsip.objects.filter(is_active=True).order_by("kode").values_list("kode", "nama")
    )
    return mark_safe(  # noqa: S308 - every value is escaped here
        "".join(f'<option value="{escape(kode)} — {escape(nama)}"></option>' for kode, nama in rows)
    )


# Placeholders reversed once per page, then replaced by each row's values: 25 rows x 2 links
# through reverse() are a measurable part of the list page.
_PK, _VERSI = 987_654_321, 987_654_322


def link_results(rows):
    """Set ``url`` (the record page) and ``pratinjau_url`` (its preview image, when
    ``pratinjau_versi`` is set) on a result page's rows."""
    detail = reverse("arsip:detail", args=[_PK])
    preview = reverse("arsip:preview", args=[_PK, _VERSI])
    for n in rows:
        n.url = detail.replace(str(_PK), str(n.pk))
        n.pratinjau_url = (
            preview.replace(str(_PK), str(n.pk)).replace(str(_VERSI), str(n.pratinjau_versi))
            if n.pratinjau_versi
            else ""
        )
    return rows


def filtered_naskah(request):
    """(form, queryset) of the records the user may see, narrowed by the filter form."""
    form = FilterForm(request.GET or None, user=request.user)
    qs = Naskah.objects.visible_to(request.user)
    sort = "terbaru"
    if form.is_valid():
        data = form.cleaned_data
        if data["kode"]:
            # The subtree's ids as a literal list (a small table): the planner can then use
            # the (office, klasifikasi, tanggal) index instead of a join filter.
            subtree = list(
                KlasifikasiArsip.objects.filter(
                    Q(kode=data["kode"]) | Q(kode__startswith=data["kode"] + ".")
                ).values_list("pk", flat=True)
            )
            qs = qs.filter(klasifikasi_id__in=subtree)
        if data["kelas"]:
            qs = qs.filter(kelas=data["kelas"])
        if data["tahun"]:
            qs = qs.filter(
                tanggal__gte=date(data["tahun"], 1, 1), tanggal__lte=date(data["tahun"], 12, 31)
            )
        if data["unit"]:
            qs = qs.filter(unit=data["unit"])
        if data["status"]:
            qs = qs.filter(status_retensi=data["status"])
        sort = data["urut"] or "terbaru"
        if data["q"]:
            qs = search.search(qs, data["q"])
    ordering = {
        "terbaru": ["-tanggal", "-id"],
        "terlama": ["tanggal", "id"],
        "kode": ["klasifikasi__kode", "-tanggal", "-id"],
        "relevansi": ["-tanggal", "-id"],  # ranked afterwards, see result_page
    }[sort]
    return form, qs.order_by(*ordering)


def _query_string(request):
    query = request.GET.copy()
    query.pop("halaman", None)
    return query.urlencode()


@permission_required("arsip.use_arsip", raise_exception=True)
def index(request):
    form, qs = filtered_naskah(request)
    relevance = None
    if form.is_valid() and form.cleaned_data["urut"] == "relevansi":
        relevance = form.cleaned_data["q"]
    page = result_page(qs, request.GET.get("halaman"), user=request.user, relevance_query=relevance)
    # Why each result matched, from the text the reader may read of it (arsip/snippets.py).
    snippets.annotate_results(page.object_list, form.cleaned_data["q"] if form.is_valid() else "")
    link_results(page.object_list)
    context = {
        "form": form,
        "page": page,
        "query": _query_string(request),
        "klasifikasi_options": klasifikasi_options(),
    }
    template = (
        "arsip/partials/results.html" if request.headers.get("HX-Request") else ("arsip/index.html")
    )
    return render(request, template, context)


@permission_required("arsip.export_daftar", raise_exception=True)
def export(request):
    form, qs = filtered_naskah(request)
    qs = qs.select_related(*LIST_RELATED).defer("search_vector").with_nomor_terlihat(request.user)
    # The trail keeps the filters that were applied: those of a valid form. A refused form (a
    # NUL in a code, say) narrowed nothing, so it is written as no filter at all.
    applied = (
        {name: form.data[name] for name in form.fields if form.data.get(name)}
        if form.is_valid()
        else {}
    )
    services.record_export(request=request, filters=applied, count=qs.count())
    return exports.daftar_arsip_response(qs, office=request.user.office)


@permission_required("arsip.register_naskah", raise_exception=True)
@require_http_methods(["GET", "POST"])
def register(request):
    form = NaskahForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            naskah = services.register_naskah(
                user=request.user,
                data=form.registration_data(),
                uploaded=form.cleaned_data.get("berkas_file"),
                request=request,
            )
        except ValidationError as exc:
            form.add_error("kelas" if exc.code == "above_clearance" else "berkas_file", exc)
        else:
            messages.success(request, "Naskah terdaftar.")
            return redirect(naskah)
    return render(request, "arsip/register.html", _form_context(request, form))


def _form_context(request, form, **extra):
    return {
        "form": form,
        "klasifikasi_options": klasifikasi_options(),
        "berkas_list": Berkas.objects.wholly_visible_to(request.user)
        .order_by("-created_at")
        .only("nomor_berkas", "uraian")[:50],
        **extra,
    }


def _get_naskah(request, pk):
    return get_object_or_404(
        Naskah.objects.visible_to(request.user)
        .select_related(*LIST_RELATED, "created_by")
        .with_nomor_terlihat(request.user),
        pk=pk,
    )


def _get_editable_naskah(request, pk):
    """A record the user may change: 404 when the user cannot see it, 403 when the user sees
    it (e.g. through a grant) but may not change it."""
    naskah = _get_naskah(request, pk)
    if not _can_edit(request.user, naskah):
        raise PermissionDenied
    return naskah


def _can_edit(user, naskah):
    return user.has_perm("arsip.register_naskah") and (
        Naskah.objects.editable_by(user).filter(pk=naskah.pk).exists()
    )


@permission_required("arsip.use_arsip", raise_exception=True)
def detail(request, pk):
    naskah = _get_naskah(request, pk)
    services.record_view(naskah, request=request)
    # Grants of this record are shown to and given by its approvers only (arsip.authority).
    can_decide = authority.may_approve(request.user, naskah)
    context = {
        "naskah": naskah,
        "versions": naskah.versi.select_related("uploaded_by"),
        "can_register": request.user.has_perm("arsip.register_naskah"),
        "can_edit": _can_edit(request.user, naskah),
        "can_reclass": _can_reclass(request.user, naskah),
        "can_close": request.user.has_perm("arsip.register_naskah")
        and (Berkas.objects.wholly_visible_to(request.user).filter(pk=naskah.berkas_id).exists()),
        "can_decide": can_decide,
        "version_form": VersionForm(),
    }
    if can_decide:
        context["grants"] = naskah.hak_akses.select_related("user", "unit", "disetujui_oleh")
        context["grant_form"] = GrantForm(office=request.user.office)
    else:
        # The reader's own grants on this record: until when, and who approved them.
        from .access import active_grants_for

        context["my_grants"] = (
            active_grants_for(request.user).filter(naskah=naskah).select_related("disetujui_oleh")
        )
    context["riwayat_kelas"] = naskah.riwayat_kelas.select_related("dari", "ke", "oleh")[:50]
    if request.user.has_perm("arsip.view_riwayat"):
        events = list(
            AuditEvent.objects.filter(object_type=Naskah._meta.label, object_id=str(naskah.pk))[:50]
        )
        # Stated purposes live on the record's downloads, not in the trail.
        purposes = dict(
            naskah.unduhan.filter(
                pk__in=[e.detail.get("unduhan") for e in events if e.detail.get("unduhan")]
            ).values_list("pk", "tujuan")
        )
        for e in events:
            e.tujuan = purposes.get(e.detail.get("unduhan"), "")
        context["events"] = events
    return render(request, "arsip/detail.html", context)


@permission_required("arsip.register_naskah", raise_exception=True)
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    naskah = _get_editable_naskah(request, pk)
    form = NaskahForm(request.POST or None, instance=naskah, user=request.user)
    newer = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in form.Meta.fields}
        try:
            services.update_naskah(
                naskah,
                user=request.user,
                data=data,
                revisi=form.cleaned_data["revisi_dilihat"],
                alasan=form.cleaned_data.get("alasan_kelas", ""),
                request=request,
            )
        except services.StaleEdit as exc:
            form.add_error(None, exc)
            newer = _newer_values(request, form, naskah)
        except ValidationError as exc:
            # Refused by the class authority or a legal hold (holds.assert_not_held): nothing saved.
            form.add_error(None, exc)
        else:
            messages.success(request, "Perubahan disimpan.")
            return redirect(naskah)
    return render(
        request,
        "arsip/register.html",
        _form_context(request, form, naskah=naskah, newer=newer),
    )


def _shown(naskah, name):
    field = Naskah._meta.get_field(name)
    if field.choices:
        return getattr(naskah, f"get_{name}_display")()
    value = getattr(naskah, name)
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return "" if value is None else str(value)


def _newer_values(request, form, typed):
    """After a refused stale save: the stored values beside the typed ones, for the fields
    where they differ, and the form re-armed with the stored revision so a second save,
    made knowingly, goes through. Read through the door again: a record the other save
    moved out of the user's sight shows nothing of its new values."""
    stored = (
        Naskah.objects.visible_to(request.user)
        .select_related("klasifikasi", "kelas", "unit")
        .filter(pk=typed.pk)
        .first()
    )
    if stored is None:
        return []
    form.data = form.data.copy()
    form.data["revisi_dilihat"] = stored.revisi
    rows = []
    for name in form.Meta.fields:
        newer, mine = _shown(stored, name), _shown(typed, name)
        if newer != mine:
            rows.append({"label": form.fields[name].label, "newer": newer, "typed": mine})
    return rows


def _can_reclass(user, naskah):
    """Who may open the class page: whoever may change the record, and the deciding
    official of its class (who may hold no right to register)."""
    return _can_edit(user, naskah) or authority.is_official(user, authority.TURUN, naskah)


@permission_required("arsip.use_arsip", raise_exception=True)
@require_http_methods(["GET", "POST"])
def reclass(request, pk):
    """Change a record's class: raise it (within one's clearance) or, as the class's
    deciding official, lower it with a reason (arsip.authority)."""
    naskah = _get_naskah(request, pk)
    if not _can_reclass(request.user, naskah):
        raise PermissionDenied
    form = KelasForm(request.POST or None, user=request.user, naskah=naskah)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_naskah(
                naskah,
                user=request.user,
                data={"kelas": form.cleaned_data["kelas"]},
                revisi=form.cleaned_data["revisi_dilihat"],
                alasan=form.cleaned_data["alasan"],
                request=request,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Kelas keamanan naskah diubah.")
            return redirect(naskah)
    return render(request, "arsip/reclass.html", {"form": form, "naskah": naskah})


@permission_required("arsip.register_naskah", raise_exception=True)
@require_POST
def upload_version(request, pk):
    naskah = _get_editable_naskah(request, pk)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.add_version(
                naskah,
                form.cleaned_data["berkas_file"],
                user=request.user,
                catatan=form.cleaned_data["catatan"],
                request=request,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Versi {version.versi} tersimpan.")
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(naskah)


@permission_required("arsip.use_arsip", raise_exception=True)
@require_http_methods(["GET", "POST"])
def download(request, pk, versi):
    naskah = _get_naskah(request, pk)
    version = get_object_or_404(naskah.versi, versi=versi, dimusnahkan_pada__isnull=True)
    if not naskah.kelas.wajib_tujuan:
        return _open(request, naskah, version)
    form = PurposeForm(request.POST or None, kelas=naskah.kelas)
    if request.method == "POST" and form.is_valid():
        return _open(request, naskah, version, purpose=form.cleaned_data["tujuan"])
    return render(
        request, "arsip/purpose.html", {"form": form, "naskah": naskah, "version": version}
    )


def _open(request, naskah, version, purpose=""):
    try:
        return services.open_version(version, request=request, purpose=purpose)
    except stamping.StampError as exc:
        messages.error(
            request,
            f"Dokumen elektronik ini tidak dapat diberi tanda pengunduh ({exc}), sehingga tidak diserahkan: "
            "salinan naskah di atas Biasa selalu bertanda. Hubungi arsiparis kantor.",
        )
        return redirect(naskah)


@permission_required("arsip.trace_unduhan", raise_exception=True)
@require_http_methods(["GET", "POST"])
def trace(request):
    """Which download a leaked copy came from: by the code read off it, or by the copy
    itself (its checksum, or the code in its metadata and on its pages). Only downloads of
    the user's own office; a code of another office looks exactly like an unknown one."""
    posted = request.method == "POST"
    form = TraceForm(request.POST if posted else None, request.FILES if posted else None)
    results = None
    if posted and form.is_valid():
        results = services.trace_download(
            user=request.user,
            kode=form.cleaned_data["kode"],
            data=form.cleaned_data["berkas_file"],
            request=request,
        )
    return render(
        request,
        "arsip/trace.html",
        {"form": form, "results": results, "stamped": stamping.stamped_class_names()},
    )


@permission_required("arsip.decide_permohonan", raise_exception=True)
@require_POST
def grant(request, pk):
    naskah = _get_naskah(request, pk)
    if not authority.may_approve(request.user, naskah):
        # Seen (e.g. through a grant or one's own registration) but not theirs to give.
        raise PermissionDenied
    form = GrantForm(request.POST, office=request.user.office)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.grant_access(
                naskah,
                by=request.user,
                tujuan=data["tujuan"],
                berlaku_sampai=data["berlaku_sampai"],
                user=data["user"],
                unit=data["unit"],
                request=request,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Hak akses diberikan.")
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(naskah)


@permission_required("arsip.decide_permohonan", raise_exception=True)
@require_POST
def revoke(request, pk):
    grant_row = get_object_or_404(
        HakAkses.objects.filter(naskah__in=Naskah.objects.visible_to(request.user)), pk=pk
    )
    try:
        services.revoke_access(grant_row, by=request.user, request=request)
    except ValidationError as exc:
        raise PermissionDenied from exc
    messages.success(request, "Hak akses dicabut.")
    return redirect(grant_row.naskah)


@permission_required("arsip.use_arsip", raise_exception=True)
@require_http_methods(["GET", "POST"])
def permohonan(request):
    """The user's own requests (and their answers), a form for a new one, and for deciding
    officials the office's pending requests."""
    form = PermohonanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_access(user=request.user, request=request, **form.cleaned_data)
        messages.success(request, "Permohonan terkirim. Jawabannya tampil di halaman ini.")
        return redirect("arsip:permohonan")
    mine = PermohonanAkses.objects.filter(pemohon=request.user).select_related(
        "hak_akses", "diputus_oleh"
    )[:50]
    pending = unrouted = None
    if request.user.has_perm("arsip.decide_permohonan"):
        # "Menunggu keputusan Anda": routed to a record this official approves access to.
        pending = services.pending_for(request.user)
        # Not yet routed (no exact number given): any deciding official may identify the
        # record and forward the request, or refuse it.
        unrouted = services.unrouted_for(request.user)
    return render(
        request,
        "arsip/permohonan.html",
        {"form": form, "mine": mine, "pending": pending, "unrouted": unrouted},
    )


@permission_required("arsip.decide_permohonan", raise_exception=True)
@require_http_methods(["GET", "POST"])
def decide(request, pk):
    item = get_object_or_404(
        PermohonanAkses.objects.filter(office_id=request.user.office_id)
        .exclude(pemohon=request.user)
        .select_related("pemohon", "naskah", "naskah__kelas"),
        pk=pk,
    )
    if item.status != PermohonanAkses.Status.DIAJUKAN:
        raise Http404("Permohonan sudah diputus.")
    if item.naskah_id is not None and not authority.may_approve(request.user, item.naskah):
        # Routed to other officials: not this user's to see (like a missing request).
        raise Http404("Permohonan tidak ditemukan.")
    routed_to = item.naskah if item.naskah_id else None
    form = DecisionForm(request.POST or None, decider=request.user, routed_to=routed_to)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["keputusan"] == "teruskan":
                services.route_request(
                    item, by=request.user, naskah=data["naskah"], request=request
                )
                done = "Permohonan diteruskan ke pejabat yang berwenang."
            else:
                services.decide_request(
                    item,
                    by=request.user,
                    approve=data["keputusan"] == "setujui",
                    naskah=data.get("naskah"),
                    berlaku_sampai=data.get("berlaku_sampai"),
                    catatan=data["catatan"],
                    request=request,
                )
                done = "Permohonan diputus; pemohon diberi tahu."
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, done)
            return redirect("arsip:permohonan")
    return render(
        request, "arsip/decide.html", {"form": form, "item": item, "routed_to": routed_to}
    )
