import unicodedata

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from .. import queues, services
from ..models import Favorite, Link, Pengumuman, User
from ..modules import modules_for


def fold(text: str) -> str:
    """Text as the portal search compares it: no case, accents, spaces or punctuation, so
    "ekinerja" finds "e-Kinerja" (the same rule as ``fold`` in static/js/sisp.js)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())


def matches(query: str, *texts: str) -> bool:
    """Every word of the query is found in the texts (folded)."""
    haystack = fold(" ".join(texts))
    return all(fold(word) in haystack for word in query.split())


def search_text(item) -> str:
    """What the portal search looks through for a link or a module card."""
    if isinstance(item, dict):
        return " ".join([item["title"], item.get("description", ""), item.get("keywords", "")])
    return " ".join([item.title, item.description, item.keywords, item.category.name])


def _links_context(user, query=""):
    links = list(Link.objects.visible_to(user).select_related("category"))
    favorite_ids = set(
        Favorite.objects.filter(user=user, link__in=[link.pk for link in links]).values_list(
            "link_id", flat=True
        )
    )
    link_count = len(links)
    if query:
        links = [link for link in links if matches(query, search_text(link))]
    categories = {}
    for link in links:
        link.is_favorite = link.pk in favorite_ids
        link.search_text = search_text(link)
        categories.setdefault(link.category, []).append(link)
    return {
        "favorites": [link for link in links if link.is_favorite],
        "categories": sorted(categories.items(), key=lambda kv: (kv[0].order, kv[0].name)),
        "link_count": link_count,
        "shown_count": len(links),
    }


@require_GET
def portal(request):
    """The staff home: internal modules and service links, searchable in one box (live with
    JavaScript, by ?q= without it)."""
    user = request.user
    query = request.GET.get("q", "").strip()[:100]
    modules = []
    for module in modules_for(user):
        module["search_text"] = search_text(module)
        if not query or matches(query, module["search_text"]):
            modules.append(module)
    context = {
        "waiting": queues.waiting_for(user),
        "modules": modules,
        "query": query,
        "pengumuman": list(Pengumuman.objects.current_for(user.office_id))
        if user.office_id
        else [],
        **_links_context(user, query),
    }
    return render(request, "sisp/portal.html", context)


@require_GET
def go(request, pk):
    """Count a click and send the user on. Only ever redirects to a stored link's URL: the
    route takes an id, never a URL, and the link must be visible to the user."""
    link = get_object_or_404(Link.objects.visible_to(request.user), pk=pk)
    services.count_click(request.user, link, request=request)
    return redirect(link.url)


@require_POST
def toggle_favorite(request, pk):
    link = get_object_or_404(Link.objects.visible_to(request.user), pk=pk)
    services.toggle_favorite(request.user, link, request=request)
    if request.headers.get("HX-Request"):
        # The whole list comes back, so the favourite shows in "Favorit saya" at once.
        return render(request, "sisp/partials/portal_links.html", _links_context(request.user))
    return redirect(reverse("sisp:portal") + "#tautan")


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
