from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Pulse questions and surveys")

    def ready(self):
        from . import subscribers

        subscribers.connect()
