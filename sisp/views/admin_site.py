"""The admin's "view on site" route (/admin/r/<content type>/<id>/), through the doors.

Django's own ``contenttypes.views.shortcut`` looks the object up with no regard to who asks:
it redirects for an id that exists and answers 404 for one that does not, in any office and
for any class, which tells a stranger that a record exists. This view resolves the object
only through the model's door and answers a refused object exactly like a missing one (the
same 404 page, see templates/404.html, which shows neither the path nor the reason).
"""

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpResponseRedirect

from sisp.roles import is_installation_manager


def door(model, user):
    """The rows of ``model`` that ``user`` may see: the model's ``visible_to`` where it has
    one (for everybody, superusers included: that door decides alone); otherwise the whole
    table for the installation manager and the user's own office for anybody else; nothing
    for a model without an office."""
    manager = model._default_manager
    if hasattr(manager, "visible_to"):
        return manager.visible_to(user)
    if is_installation_manager(user):
        return manager.all()
    try:
        model._meta.get_field("office")
    except FieldDoesNotExist:
        return manager.none()
    if not user.office_id:
        return manager.none()
    return manager.filter(office_id=user.office_id)


def view_on_site(request, content_type_id, object_id):
    from django.contrib.contenttypes.models import ContentType

    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except (ContentType.DoesNotExist, OverflowError):
        model = None
    if model is None or not hasattr(model, "get_absolute_url"):
        raise Http404
    try:
        obj = door(model, request.user).get(pk=object_id)
    except (ObjectDoesNotExist, ValueError, ValidationError, TypeError, OverflowError):
        raise Http404 from None
    return HttpResponseRedirect(obj.get_absolute_url())
