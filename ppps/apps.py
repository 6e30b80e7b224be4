from django.apps import AppConfig


class PppsConfig(AppConfig):
    name = "ppps"
    verbose_name = "Info PPPS"
