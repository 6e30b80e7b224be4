from datetime import date

from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from .. import audit
from ..models import Favorite, Link, LinkClick, Pengumuman, User
from ..modules import modules_for


@require_GET
def portal(request):
    user = request.user
    links = list(Link.objects.visible_to(user).select_related("category"))
    favorite_ids = set(
        Favorite.objects.filter(user=user, link__in=[link.pk for link in links]).values_list(
            "link_id", flat=True
        )
    )
    categories = {}
    for link in links:
        link.is_favorite = link.pk in favorite_ids
        categories.setdefault(link.category, []).append(link)
    context = {
        "modules": modules_for(user),
        "favorites": [link for link in links if link.is_favorite],
        "categories": sorted(categories.items(), key=lambda kv: (kv[0].order, kv[0].name)),
        "pengumuman": list(Pengumuman.objects.current_for(user.office_id))
        if user.office_id
        else [],
        "link_count": len(links),
    }
    return render(request, "sisp/portal.html", context)


@require_GET
def go(request, pk):
    """Count a click and send the user on. Only ever redirects to a stored link's URL: the
    route takes an id, never a URL, and the link must be visible to the user."""
    link = get_object_or_404(Link.objects.visible_to(request.user), pk=pk)
    month = date.today().replace(day=1)
    with transaction.atomic():
        click, _ = LinkClick.objects.get_or_create(link=link, month=month)
        LinkClick.objects.filter(pk=click.pk).update(count=F("count") + 1)
        audit.record("portal.link_click", request=request, obj=link, url=link.url)
    return redirect(link.url)


@require_POST
def toggle_favorite(request, pk):
    link = get_object_or_404(Link.objects.visible_to(request.user), pk=pk)
    favorite, created = Favorite.objects.get_or_create(user=request.user, link=link)
    if not created:
        favorite.delete()
    link.is_favorite = created
    if request.headers.get("HX-Request"):
        return render(request, "sisp/partials/favorite_button.html", {"link": link})
    return redirect("sisp:portal")


@permission_required("sisp.view_region_summary", raise_exception=True)
@require_GET
def region_summary(request):
    """Aggregated figures of the offices below the user's office: counts only, never rows."""
    from django.apps import apps

    office = request.user.office
    below = office.descendants() if office else []
    ids = [o.pk for o in below]
    columns = [("Pengguna", dict(_count_by_office(User.objects.filter(office_id__in=ids))))]
    for config in apps.get_app_configs():
        counter = getattr(config, "region_counts", None)
        if counter:
            columns.extend(counter(ids))
    rows = [(o, [col.get(o.pk, 0) for _, col in columns]) for o in below]
    return render(
        request,
        "sisp/region_summary.html",
        {"office": office, "headers": [h for h, _ in columns], "rows": rows},
    )


def _count_by_office(queryset):
    from django.db.models import Count

    return queryset.values("office_id").annotate(n=Count("id")).values_list("office_id", "n")
