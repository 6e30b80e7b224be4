"""The archivist's list of legal holds, placing a manual hold and releasing one. Holds come
from ``LegalHold.objects.visible_to`` (the record's door): a hold on a record the user cannot
see does not exist for that user."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from sisp.forms import RowIdField

from . import holds
from .models import LegalHold, Naskah

MANAGE = "arsip.manage_legalhold"


class HoldForm(forms.Form):
    naskah = RowIdField(
        label="ID naskah", error_messages={"invalid": "Isi ID naskah berupa angka."}
    )
    alasan = forms.CharField(label="Alasan penahanan", max_length=300)


class ReleaseForm(forms.Form):
    alasan = forms.CharField(label="Alasan pencabutan", max_length=300)


@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def penahanan(request):
    form = HoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        naskah = Naskah.objects.visible_to(request.user).filter(pk=form.cleaned_data["naskah"])
        found = naskah.first()
        if found is None:
            form.add_error("naskah", "Naskah tidak ditemukan.")
        else:
            try:
                holds.place_hold(
                    found, by=request.user, alasan=form.cleaned_data["alasan"], request=request
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Naskah ditahan.")
                return redirect("arsip:penahanan")
    rows = LegalHold.objects.visible_to(request.user).select_related(
        "naskah__berkas",
        "perkara__status",
        "perkara__tahapan",
        "perkara__pemilihan",
        "dibuat_oleh",
        "dicabut_oleh",
    )[:500]
    states = holds.with_states(rows)
    return render(
        request,
        "arsip/penahanan.html",
        {
            "form": form,
            "active": [(h, s) for h, s in states if s.active],
            "ended": [(h, s) for h, s in states if not s.active],
            "release_form": ReleaseForm(),
        },
    )


@permission_required(MANAGE, raise_exception=True)
@require_POST
def cabut(request, pk):
    hold = get_object_or_404(LegalHold.objects.visible_to(request.user), pk=pk)
    form = ReleaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Isi alasan pencabutan.")
        return redirect("arsip:penahanan")
    try:
        holds.release_hold(
            hold, by=request.user, alasan=form.cleaned_data["alasan"], request=request
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Penahanan dicabut.")
    return redirect("arsip:penahanan")
