"""Who looked at a household's dossier, and when: every view is logged, and the log is shown on the dossier."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.models import Household


class DossierView(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="dossier_views")
    viewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("viewed by")
    )
    viewed_at = models.DateTimeField(_("viewed at"), default=timezone.now)
    for_print = models.BooleanField(_("opened to print"), default=False)

    class Meta:
        verbose_name = _("dossier view")
        verbose_name_plural = _("dossier views")
        ordering = ["-viewed_at", "-pk"]
        indexes = [models.Index(fields=["household", "-viewed_at"], name="dossier_view_household_idx")]

    def __str__(self):
        return f"{self.household_id} · {self.viewed_by_id} · {self.viewed_at:%Y-%m-%d %H:%M}"
