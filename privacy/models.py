"""The privacy log: that a person downloaded their data, deleted their account, or that a moved-out household's
personal data was erased after the retention period. It records that it happened and the counts, never the
erased data itself; after an account is deleted nothing here points to the person any more."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.models import Corporation, Household


class PrivacyEvent(models.Model):
    class Kind(models.TextChoices):
        EXPORT = "export", _("data downloaded")
        ACCOUNT_DELETED = "account_deleted", _("account deleted")
        HOUSEHOLD_ERASED = "household_erased", _("personal data of a former household erased")

    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    corporation = models.ForeignKey(
        Corporation, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("corporation")
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("household")
    )
    # The person who downloaded their data; emptied when they delete their account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The staff member who erased a household (empty when the scheduled task did it).
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    counts = models.JSONField(_("what was erased"), default=dict, blank=True)

    class Meta:
        verbose_name = _("privacy event")
        verbose_name_plural = _("privacy log")
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"], condition=Q(kind="household_erased"), name="household_erased_once"
            )
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"
