from django.apps import AppConfig


class AbkAnjabConfig(AppConfig):
    name = "abk_anjab"
    verbose_name = "ABK & Anjab"
