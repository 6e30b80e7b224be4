"""``{{ value|durasi }}``: a duration in plain Indonesian ("30 menit", "1 jam 30 menit"), for
lockout and rate-limit messages (never an ISO 8601 ``PT30M``)."""

from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def durasi(value):
    """A timedelta or a number of seconds, as "2 jam 5 menit" (seconds only under a minute)."""
    if isinstance(value, timedelta):
        seconds = int(value.total_seconds())
    else:
        try:
            seconds = int(value)
        except (TypeError, ValueError):
            return "beberapa saat"
    if seconds < 60:
        return f"{max(seconds, 1)} detik"
    minutes = (seconds + 59) // 60  # never promise less than the real wait
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [f"{n} {unit}" for n, unit in ((days, "hari"), (hours, "jam"), (minutes, "menit")) if n]
    return " ".join(parts)
