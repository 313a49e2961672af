"""Advice under the Dutch tenant-consultation act (Wet op het overleg huurders verhuurder, "Overlegwet").

An AdviceRequest asks one tenant organisation (a residents' committee or tenants' association of the project's
corporation) for written advice on a renovation project, optionally on one of its proposals. Staff put together
the information packet (PacketDocument), record the day it was sent, and the clocks of advice.clocks start: the
advice is due six weeks later (or on a later date staff agreed), the corporation's reasoned response is due 14
days after an advice it departs from, and the plan may proceed three days after that response.

The order of the steps is held twice: by advice.services, which explains a refusal in plain Dutch, and by the
check constraints below, so no path around the services can store an advice before its packet or a departing
response without reasons. The committee keeps its own documents and minutes (CommitteeDocument).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.models import Proposal
from projects.models import RenovationProject
from tenants.models import Organisation


class AdviceRequest(models.Model):
    project = models.ForeignKey(
        RenovationProject, on_delete=models.PROTECT, related_name="advice_requests", verbose_name=_("project")
    )
    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advice_requests",
        verbose_name=_("proposal"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="advice_requests",
        limit_choices_to={"kind": Organisation.Kind.TENANT_ORGANISATION},
        verbose_name=_("tenant organisation"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    packet_sent_on = models.DateField(_("information packet sent on"), null=True, blank=True)
    advice_due_extended_to = models.DateField(_("advice due on (agreed later date)"), null=True, blank=True)
    extension_reason = models.TextField(_("why the later date was agreed"), blank=True)
    advice_received_on = models.DateField(_("advice received on"), null=True, blank=True)
    advice_text = models.TextField(_("written advice"), blank=True)
    advice_file = models.FileField(_("advice document"), upload_to="advice/%Y/%m/", blank=True)
    advice_file_type = models.CharField(max_length=100, blank=True)
    advice_agrees = models.BooleanField(_("the committee agrees"), null=True, blank=True)
    advice_submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    response_sent_on = models.DateField(_("response sent on"), null=True, blank=True)
    response_departs = models.BooleanField(_("departs from the advice"), null=True, blank=True)
    response_reasons = models.TextField(_("reasons for departing from the advice"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("advice request")
        verbose_name_plural = _("advice requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(advice_due_extended_to__isnull=True)
                | Q(packet_sent_on__isnull=False, advice_due_extended_to__gt=F("packet_sent_on")),
                name="advice_extension_after_packet",
            ),
            models.CheckConstraint(
                condition=Q(advice_received_on__isnull=True)
                | Q(packet_sent_on__isnull=False, advice_received_on__gte=F("packet_sent_on")),
                name="advice_received_after_packet",
            ),
            models.CheckConstraint(
                condition=Q(advice_received_on__isnull=True)
                | (Q(advice_agrees__isnull=False) & (~Q(advice_text="") | ~Q(advice_file=""))),
                name="advice_has_content_and_verdict",
            ),
            models.CheckConstraint(
                condition=Q(response_sent_on__isnull=True)
                | Q(
                    advice_received_on__isnull=False,
                    advice_agrees=False,
                    response_departs__isnull=False,
                    response_sent_on__gte=F("advice_received_on"),
                ),
                name="advice_response_after_disagreeing_advice",
            ),
            models.CheckConstraint(
                condition=~Q(response_departs=True) | ~Q(response_reasons=""),
                name="advice_departing_response_has_reasons",
            ),
        ]

    def __str__(self):
        return self.subject


class PacketDocument(models.Model):
    """A document of the information packet: what the committee needs to give its advice (art. 4 Overlegwet)."""

    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="packet_documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="advice/packets/%Y/%m/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("packet document")
        verbose_name_plural = _("packet documents")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title


class CommitteeDocument(models.Model):
    """The committee's own papers: a document (PDF or text file) or the minutes of a meeting (Markdown)."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("document")
        MINUTES = "minutes", _("minutes")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="committee_documents")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    meeting_on = models.DateField(_("meeting date"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    file = models.FileField(_("file"), upload_to="advice/committee/%Y/%m/", blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("committee document")
        verbose_name_plural = _("committee documents")
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="document", minutes="") & ~Q(file="")
                | Q(kind="minutes", meeting_on__isnull=False) & ~Q(minutes=""),
                name="committee_document_has_file_or_minutes",
            )
        ]

    def __str__(self):
        return self.title
