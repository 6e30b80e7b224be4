"""In-app management of the portal (links, categories, announcements) for Administrators.

Every object is fetched from the Administrator's own office, so another office's row is a 404.
"""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Sum
from django.db.models.deletion import ProtectedError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from .. import clickstats, services
from ..forms import LinkCategoryForm, LinkForm, PengumumanForm
from ..models import Link, LinkCategory, LinkClick, Pengumuman

manage_required = permission_required("sisp.manage_portal", raise_exception=True)


@manage_required
def manage_index(request):
    office = request.user.office
    links = list(
        Link.objects.filter(office=office)
        .select_related("category")
        .prefetch_related("roles")
        .annotate(total_clicks=Sum("clicks__count"))
    )
    months = _last_months(6)
    clicks = {}
    for link_id, month, count in LinkClick.objects.filter(
        link__office=office, month__gte=months[0]
    ).values_list("link_id", "month", "count"):
        clicks[(link_id, month)] = count
    for link in links:
        link.monthly_clicks = [clicks.get((link.pk, m), 0) for m in months]
    return render(
        request,
        "sisp/manage/index.html",
        {
            "links": links,
            "months": months,
            "categories": LinkCategory.objects.filter(office=office),
            "pengumuman": Pengumuman.objects.filter(office=office),
        },
    )


def _last_months(n):
    """The first days of the last ``n`` months, oldest first, this month included."""
    month = timezone.localdate().replace(day=1)
    months = []
    for _ in range(n):
        months.append(month)
        month = (month - timedelta(days=1)).replace(day=1)
    return months[::-1]


def _edit(request, form_class, instance, template, action, success):
    form = form_class(request.POST or None, instance=instance, office=request.user.office)
    if request.method == "POST" and form.is_valid():
        services.save_portal_row(form, action=action, user=request.user, request=request)
        messages.success(request, success)
        return redirect("sisp:manage")
    return render(request, template, {"form": form, "object": instance})


@manage_required
def link_edit(request, pk=None):
    link = get_object_or_404(Link, pk=pk, office=request.user.office) if pk else None
    return _edit(
        request,
        LinkForm,
        link,
        "sisp/manage/link_form.html",
        "portal.link_change" if link else "portal.link_add",
        "Tautan disimpan.",
    )


@manage_required
@require_POST
def link_delete(request, pk):
    link = get_object_or_404(Link, pk=pk, office=request.user.office)
    services.delete_portal_row(
        link, action="portal.link_delete", user=request.user, request=request, url=link.url
    )
    messages.success(request, "Tautan dihapus.")
    return redirect("sisp:manage")


@manage_required
def category_edit(request, pk=None):
    category = get_object_or_404(LinkCategory, pk=pk, office=request.user.office) if pk else None
    return _edit(
        request,
        LinkCategoryForm,
        category,
        "sisp/manage/category_form.html",
        "portal.category_change" if category else "portal.category_add",
        "Kategori disimpan.",
    )


@manage_required
@require_POST
def category_delete(request, pk):
    category = get_object_or_404(LinkCategory, pk=pk, office=request.user.office)
    try:
        services.delete_portal_row(
            category, action="portal.category_delete", user=request.user, request=request
        )
    except ProtectedError:
        messages.error(
            request, "Kategori masih berisi tautan. Pindahkan atau hapus tautannya terlebih dahulu."
        )
    else:
        messages.success(request, "Kategori dihapus.")
    return redirect("sisp:manage")


@manage_required
def pengumuman_edit(request, pk=None):
    item = get_object_or_404(Pengumuman, pk=pk, office=request.user.office) if pk else None
    if item is None and request.method == "POST":
        item = Pengumuman(created_by=request.user)
    return _edit(
        request,
        PengumumanForm,
        item,
        "sisp/manage/pengumuman_form.html",
        "portal.pengumuman_change" if pk else "portal.pengumuman_add",
        "Pengumuman disimpan.",
    )


@manage_required
@require_POST
def pengumuman_delete(request, pk):
    item = get_object_or_404(Pengumuman, pk=pk, office=request.user.office)
    services.delete_portal_row(
        item, action="portal.pengumuman_delete", user=request.user, request=request
    )
    messages.success(request, "Pengumuman dihapus.")
    return redirect("sisp:manage")


class YearForm(forms.Form):
    tahun = forms.IntegerField(
        min_value=2000,
        max_value=2100,
        required=False,
        error_messages={
            "invalid": "Tahun harus berupa angka, mis. 2026.",
            "min_value": "Tahun paling awal 2000.",
            "max_value": "Tahun paling akhir 2100.",
        },
    )


@manage_required
@require_safe
def click_stats(request, as_xlsx=False):
    """Clicks per link, per unit and per month of one year, as a page or an .xlsx file."""
    office = request.user.office
    form = YearForm(request.GET)
    year = timezone.localdate().year
    if form.is_valid() and form.cleaned_data["tahun"]:
        year = form.cleaned_data["tahun"]
    rows = clickstats.click_rows(office, year)
    if as_xlsx and form.is_valid():
        return clickstats.xlsx_response(office, year, rows)
    totals = clickstats.month_totals(rows)
    return render(
        request,
        "sisp/manage/click_stats.html",
        {
            "form": form,
            "year": year,
            "rows": rows,
            "months": clickstats.MONTHS,
            "totals": totals,
            "grand_total": sum(totals),
        },
        status=200 if form.is_valid() else 400,
    )
