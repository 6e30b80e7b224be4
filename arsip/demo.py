"""Demo rows for `manage.py seed_demo` (fictitious content only)."""


def seed(offices, users):
    pass
