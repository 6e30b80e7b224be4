from django.utils.functional import SimpleLazyObject


def _public_identity():
    from .views.public import sole_office

    return sole_office() or {"name": "", "short_name": "", "address": ""}


def sisp(request):
    """The signed-in user's office, for the page header; for the public, the identity of the
    installation's office when there is only one (a page about one office passes its own
    ``public_office``, which wins)."""
    user = getattr(request, "user", None)
    office = getattr(user, "office", None) if user and user.is_authenticated else None
    return {"current_office": office, "public_identity": SimpleLazyObject(_public_identity)}
