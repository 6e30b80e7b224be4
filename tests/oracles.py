"""Helpers for "hidden looks exactly like missing": ask the same URLs while an object exists
but is hidden from the user, then again once it is really gone, and compare the answers."""

import re

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

# The only part of a page that changes from one rendering to the next: the masked CSRF token.
_CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')


def _normalise(text):
    return _CSRF.sub(r"\1-\2", text)


def answer(client, url):
    """(status, Location, body) of ``url`` and of every redirect it leads to (the admin's
    "does not exist" redirect ends on a page with a message)."""
    chain = []
    response = client.get(url)
    while True:
        chain.append((response.status_code, response.get("Location"), _normalise(response.text)))
        if response.status_code not in (301, 302) or len(chain) > 4:
            return chain
        response = client.get(response["Location"])


def answers(client, urls):
    return {url: answer(client, url) for url in urls}


def admin_urls(obj):
    """Change, history, delete and "view on site" of ``obj`` in the admin."""
    opts = obj._meta
    name = f"admin:{opts.app_label}_{opts.model_name}"
    ct = ContentType.objects.get_for_model(obj)
    return [
        reverse(f"{name}_change", args=[obj.pk]),
        reverse(f"{name}_history", args=[obj.pk]),
        reverse(f"{name}_delete", args=[obj.pk]),
        reverse("admin:view_on_site", args=[ct.pk, obj.pk]),
    ]


def autocomplete_url(app_label, model_name, field_name, term):
    return (
        f"{reverse('admin:autocomplete')}?app_label={app_label}&model_name={model_name}"
        f"&field_name={field_name}&term={term}"
    )


def assert_hidden_like_missing(client, user, urls, remove):
    """The answers to ``urls`` for ``user`` are the same while the object exists (hidden)
    as after ``remove()`` deleted it (missing): same status, same redirects, same body."""
    client.force_login(user)
    hidden = answers(client, urls)
    remove()
    missing = answers(client, urls)
    for url in urls:
        assert hidden[url] == missing[url], url
    return hidden
