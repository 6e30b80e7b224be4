"""Staff triage of public complaints under /ppps/aduan/."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from sisp import audit, files

from .. import services
from ..forms_public import TriageForm
from ..models import Aduan

TRIAGE = "ppps.triage_aduan"
# Reading complaints (Ketua, Anggota) is its own right; deciding them is TRIAGE.
READ_OR_TRIAGE = ("ppps.view_aduan", "ppps.triage_aduan")


def _any_of(*perms):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not any(request.user.has_perm(perm) for perm in perms):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Attachments stay with the triage staff: they may show who took a photo or where.
triage_required = _any_of(TRIAGE)
read_required = _any_of(*READ_OR_TRIAGE)


@require_GET
@read_required
def aduan_list(request):
    items = Aduan.objects.visible_to(request.user)
    status = request.GET.get("status", "")
    if status in Aduan.Status.values:
        items = items.filter(status=status)
    page = Paginator(items, 25).get_page(request.GET.get("halaman"))
    return render(
        request,
        "ppps/aduan_list.html",
        {
            "page": page,
            "status": status,
            "statuses": Aduan.Status.choices,
            "query": f"status={status}" if status else "",
        },
    )


@require_http_methods(["GET", "POST"])
@read_required
def aduan_detail(request, pk):
    item = get_object_or_404(Aduan.objects.visible_to(request.user), pk=pk)
    may_triage = request.user.has_perm(TRIAGE)
    if request.method == "POST" and not may_triage:
        raise PermissionDenied
    form = TriageForm(request.POST or None, instance=item) if may_triage else None
    if form is not None and request.method == "POST" and form.is_valid():
        services.triage_aduan(
            item,
            status=form.cleaned_data["status"],
            jawaban=form.cleaned_data["jawaban"],
            user=request.user,
            request=request,
        )
        messages.success(request, "Telaah aduan disimpan.")
        if (
            item.status == Aduan.Status.LAPORAN
            and item.perkara_id is None
            and request.user.has_perm("ppps.manage_perkara")
        ):
            return redirect(reverse("ppps:perkara_add") + f"?aduan={item.pk}")
        return redirect("ppps:aduan_detail", pk=item.pk)
    return render(
        request,
        "ppps/aduan_detail.html",
        {"aduan": item, "form": form, "lampiran": item.lampiran.all()},
    )


@require_GET
@triage_required
def lampiran_download(request, pk, file_pk):
    item = get_object_or_404(Aduan.objects.visible_to(request.user), pk=pk)
    lampiran = get_object_or_404(item.lampiran, pk=file_pk)
    audit.record("ppps.aduan_lampiran_download", request=request, obj=item, lampiran=lampiran.pk)
    return files.serve(
        lampiran.file_name, download_name=lampiran.original_name, content_type=lampiran.content_type
    )
