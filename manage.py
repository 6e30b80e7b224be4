#!/usr/bin/env python
import os
import sys

# Commands Django runs without the project's settings.
WITHOUT_SETTINGS = {"help", "--help", "-h", "version", "--version"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sisp.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    if len(sys.argv) > 1 and sys.argv[1] not in WITHOUT_SETTINGS:
        # Django hides a settings error behind "Models aren't loaded yet"; say what is missing.
        try:
            settings.INSTALLED_APPS  # noqa: B018 (loads the settings)
        except ImproperlyConfigured as exc:
            sys.exit(
                f"Pengaturan SISP belum lengkap: {exc}. Lihat README, bagian variabel "
                "lingkungan (untuk pengembangan cukup DEBUG=1, atau `python3 dev.py run`)."
            )
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
