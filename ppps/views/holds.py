"""Linking archive records to a case from the case page (a legal hold, arsip/holds.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from arsip import holds
from arsip.models import Naskah
from sisp.views.errors import ExplainedRefusal

from ..forms_holds import ArsipLinkForm
from ..models import Perkara

MANAGE = "ppps.manage_perkara"


def context_for(perkara, user):
    """What the case page shows of linked records: only those ``user`` sees, with how long
    each stays held; and the link form for case handlers."""
    linked = holds.with_states(holds.linked_to(perkara, user))
    return {
        "arsip_terkait": linked,
        "arsip_form": ArsipLinkForm(prefix="arsip") if user.has_perm(MANAGE) else None,
    }


@require_POST
@permission_required(MANAGE, raise_exception=True)
def link_arsip(request, pk):
    perkara = get_object_or_404(Perkara.objects.visible_to(request.user), pk=pk)
    if not Perkara.objects.editable_by(request.user).filter(pk=perkara.pk).exists():
        raise ExplainedRefusal(
            "Perkara ini sudah dilimpahkan; kantor Anda hanya dapat melihat riwayatnya."
        )
    form = ArsipLinkForm(request.POST, prefix="arsip")
    if not form.is_valid():
        messages.error(request, "Naskah tidak dikaitkan: isi ID naskah berupa angka.")
        return redirect(perkara)
    # A record the officer cannot see answers exactly like a missing one.
    naskah = Naskah.objects.visible_to(request.user).filter(pk=form.cleaned_data["naskah"]).first()
    try:
        if naskah is None:
            raise ValidationError("Naskah tidak ditemukan.", code="not_found")
        holds.link_perkara(perkara, naskah, by=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, "Naskah tidak dikaitkan: " + " ".join(exc.messages))
    else:
        messages.success(request, "Naskah dikaitkan dengan perkara dan ditahan dari pemusnahan.")
    return redirect(perkara)
