from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def proxy_count_check(app_configs, **kwargs):
    """Behind a TLS-terminating proxy every client would look like the proxy's address:
    lockouts, lookup limits and the audit trail would all lump the public together."""
    if settings.SECURE_SSL and not settings.AXES_IPWARE_PROXY_COUNT:
        return [
            Warning(
                "SECURE_SSL is on but PROXY_COUNT is 0: behind a reverse proxy every client "
                "shares the proxy's address (rate limits, lockouts, audit trail).",
                hint="Set PROXY_COUNT to the number of reverse proxies in front of SISP (often 1).",
                id="sisp.W001",
            )
        ]
    return []


@register(Tags.models)
def tallied_models_check(app_configs, **kwargs):
    """Rows counted per office (sisp/tallies.py) are never deleted by a cascade."""
    from .tallies import cascade_errors

    return cascade_errors()


@register(deploy=True)
def digest_base_url_check(app_configs, **kwargs):
    """The daily digest has no request to take the site's address from."""
    from . import conf

    if conf.digest_enabled() and not conf.base_url():
        return [
            Warning(
                "SISP_BASE_URL is empty: the links in the daily digest are bare paths.",
                hint="Set SISP_BASE_URL to the address staff open SISP at "
                "(https://sisp.example.go.id), or SISP_DIGEST_ENABLED=0.",
                id="sisp.W002",
            )
        ]
    return []
