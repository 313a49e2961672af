from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from renovatie import events

        from .catalogue import CATALOGUE
        from .services import record_event

        for name in CATALOGUE:
            events.subscribe_in_transaction(name, record_event)
