"""Template filters of ``abk_anjab.formatting``: ``{{ x|angka }}``, ``{{ x|angka:4 }}``,
``{{ d|tanggal }}``, ``{{ user.nip|nip }}``."""

from django import template

from .. import formatting

register = template.Library()


@register.filter
def angka(value, places=None):
    return formatting.angka(value, None if places in (None, "") else int(places))


@register.filter
def tanggal(value):
    return formatting.tanggal(value)


@register.filter
def nip(value):
    return formatting.nip(value)


@register.simple_tag
def ej_pj(ej, pj="", pj_label=""):
    return formatting.ej_pj(ej, pj, pj_label)
