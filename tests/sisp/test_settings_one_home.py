"""Each app setting's default is written once, in the app's conf.py; sisp/settings.py only
sets what the environment gives (issue 15: every default used to be written twice)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from sisp import settings as settings_module

ROOT = Path(__file__).resolve().parents[2]


def test_an_unset_variable_leaves_the_setting_out_so_the_apps_default_holds():
    unset = [n for n in settings_module._APP_SETTINGS_FROM_ENV if n not in os.environ]
    assert unset, "the test environment sets every app variable"
    assert [n for n in unset if hasattr(settings, n)] == []


def test_the_environment_overrides_each_kind_of_setting_through_the_apps_conf():
    code = (
        "import django; django.setup();"
        "from arsip import conf as a; from ppps import conf as p; from abk_anjab import conf as k;"
        "print(a.page_size(), a.ocr_enabled(), p.public_terlapor(), p.lookup_rate(), k.rounding())"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sisp.settings",
        "DEBUG": "0",
        "SECRET_KEY": "t",
        "ARSIP_PAGE_SIZE": "7",
        "ARSIP_OCR": "0",
        "PPPS_PUBLIC_TERLAPOR": "none",
        "PPPS_LOOKUP_LIMIT": "9",
        "ABK_ANJAB_ROUNDING": "up",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["7", "False", "none", "(9,", "600)", "up"]
    # Unset, the defaults of the conf modules.
    for name in ("ARSIP_PAGE_SIZE", "ARSIP_OCR", "PPPS_PUBLIC_TERLAPOR", "PPPS_LOOKUP_LIMIT"):
        env.pop(name)
    env.pop("ABK_ANJAB_ROUNDING")
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["25", "True", "initials", "(20,", "600)", "half_up"]
