"""Volume suggestions of the ABK form: SISP's own counts of the work a unit did.

A task (``TugasPokok.sumber_hitungan``) may name a count source, e.g. "arsip.kode:KP.01"
(records of filing code KP.01) or "ppps.tahap:klarifikasi" (cases at the Klarifikasi stage).
The part before the first dot names the app that counts it; each app answers through its
AppConfig, with one counting function for all its sources, like ``waiting_for`` of the
portal's queues:

- ``volume_sources(user, unit)`` -> ``[(key, label)]``, the sources it offers this user;
- ``volume_counts(user, unit, year, keys)`` -> ``{key: int}``, numbers only, never rows;
- ``volume_label(key)`` -> the label of a key it owns ("" when unknown).

Each app counts from its own access door for the person filling in the form, kept to the
analysing unit, so a suggestion never counts a record that person may not see. The count is of
the year before the analysis (the last complete year); it is only a suggestion: the volume
changes only when the user ticks "Pakai hitungan" and saves (services.save_anjab audits it).
"""

from dataclasses import dataclass

from django.apps import apps


def _config(key):
    label = (key or "").split(".", 1)[0]
    if not label or "." not in (key or ""):
        return None
    try:
        config = apps.get_app_config(label)
    except LookupError:
        return None
    return config if hasattr(config, "volume_counts") else None


def count_year(anjab):
    """The year whose counts are suggested for ``anjab``: the one before the analysis."""
    return anjab.tahun - 1


def source_choices(user, unit):
    """Grouped choices for "Sumber hitungan": ``[("", "—"), (app name, [(key, label)])...]``."""
    choices = [("", "— tanpa sumber hitungan —")]
    for config in apps.get_app_configs():
        hook = getattr(config, "volume_sources", None)
        if hook is None:
            continue
        found = hook(user, unit)
        if found:
            choices.append((config.verbose_name, found))
    return choices


def label_of(key):
    config = _config(key)
    return (config.volume_label(key) if config else "") or key


@dataclass(frozen=True)
class Suggestion:
    key: str
    label: str
    year: int
    count: int | None  # None: this user can count nothing for the source


class Counter:
    """The counts for one analysis and one user, asked of each app once per page
    (``prefetch``) and kept."""

    def __init__(self, user, anjab):
        self.user = user
        self.anjab_id = anjab.pk
        self.unit = anjab.jabatan.unit
        self.year = count_year(anjab)
        self._counts = {}
        self._choices = None

    @property
    def choices(self):
        if self._choices is None:
            self._choices = source_choices(self.user, self.unit)
        return self._choices

    def prefetch(self, keys):
        missing = {k for k in keys if k and k not in self._counts}
        by_app = {}
        for key in missing:
            config = _config(key)
            if config is not None:
                by_app.setdefault(config, []).append(key)
            self._counts[key] = None
        for config, app_keys in by_app.items():
            found = config.volume_counts(self.user, self.unit, self.year, app_keys)
            for key in app_keys:
                value = found.get(key)
                self._counts[key] = int(value) if value is not None else None

    def count(self, key):
        if not key:
            return None
        self.prefetch([key])
        return self._counts[key]

    def suggestion(self, key):
        if not key:
            return None
        return Suggestion(key, label_of(key), self.year, self.count(key))
