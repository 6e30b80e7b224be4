"""Persetujuan peran: one person files a request for a sensitive role, a second person (the
office's Ketua or the installation manager) approves or rejects it. Every request is fetched
through ``RoleRequest.objects.visible_to``, so another office's request is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from ..forms import RoleDecisionForm, RoleRequestForm
from ..models import RoleRequest
from ..services import decide_role_request, file_role_request

RECENT_DECISIONS = 50


@require_GET
@permission_required("sisp.view_rolerequest", raise_exception=True)
def role_request_list(request):
    visible = RoleRequest.objects.visible_to(request.user).select_related(
        "office", "user", "role", "requested_by", "decided_by"
    )
    pending = list(visible.pending())
    for item in pending:
        item.can_decide = item.may_be_decided_by(request.user)
    decided = list(visible.exclude(status=RoleRequest.Status.PENDING)[:RECENT_DECISIONS])
    return render(
        request,
        "sisp/role_requests.html",
        {
            "pending": pending,
            "decided": decided,
            "can_file": request.user.has_perm("sisp.add_rolerequest"),
            "decision_form": RoleDecisionForm(),
        },
    )


@permission_required("sisp.add_rolerequest", raise_exception=True)
def role_request_add(request):
    form = RoleRequestForm(request.POST or None, acting_user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            file_role_request(
                user=form.cleaned_data["user"],
                role=form.cleaned_data["role"],
                reason=form.cleaned_data["reason"],
                requested_by=request.user,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, "Permohonan diajukan. Ketua kantor atau Pengelola Instalasi memutuskannya."
            )
            return redirect("sisp:role_requests")
    return render(request, "sisp/role_request_form.html", {"form": form})


@require_POST
@permission_required("sisp.view_rolerequest", raise_exception=True)
def role_request_decide(request, pk):
    role_request = get_object_or_404(RoleRequest.objects.visible_to(request.user), pk=pk)
    if not role_request.is_pending:
        messages.error(
            request, "Permohonan ini sudah diputuskan sebelumnya; tidak ada yang diubah."
        )
        return redirect("sisp:role_requests")
    if not role_request.may_be_decided_by(request.user):
        raise PermissionDenied
    form = RoleDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pilih setujui atau tolak.")
        return redirect("sisp:role_requests")
    approve = form.cleaned_data["decision"] == "setujui"
    try:
        decide_role_request(
            role_request,
            decided_by=request.user,
            approve=approve,
            note=form.cleaned_data["note"],
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Peran diberikan." if approve else "Permohonan ditolak.")
    return redirect("sisp:role_requests")
