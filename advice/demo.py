"""The demo's advice, added by `manage.py seed_demo`: two requests to the Bewonerscommissie Kanaleneiland.

- On the demo proposal (solar panels and a bicycle shed): the packet went out four weeks ago, so the advice clock
  runs with two weeks left. A visitor who logs in as the representative (bewonerscommissie@) can give the advice.
- On the order of the façade works: the packet went out eight weeks ago, the committee advised against the order 20
  days ago, and the corporation has not responded: the response is six days overdue, flagged to staff on the
  start page, the project dashboard and the advice pages.
The committee's workspace also holds one document and the minutes of a meeting. Every step goes through
advice.services (which emit). Running it again adds nothing: an advice request in the project marks it as done.
"""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from decisions.models import Proposal
from projects.demo import PROJECT_SLUG, tiny_pdf
from projects.models import RenovationProject
from tenants.models import Membership, Organisation

from . import services
from .models import AdviceRequest

REPRESENTATIVE = "bewonerscommissie"
RUNNING_SUBJECT = "Zonnepanelen en een overdekte fietsenstalling"
OVERDUE_SUBJECT = "Volgorde van de gevelwerkzaamheden"
MINUTES = """**Aanwezig:** Ans van Dijk (voorzitter), drie leden van de commissie.

1. Informatiepakket zonnepanelen besproken. Vragen aan Mitros:
   - Hoe wordt de opbrengst per woning verrekend?
   - Wat gebeurt er met de fietsen tijdens de bouw?
2. Advies over de gevelwerkzaamheden is verstuurd.

*Volgende vergadering over twee weken.*"""


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


def pdf(name, lines):
    return SimpleUploadedFile(name, tiny_pdf(lines), content_type="application/pdf")


@transaction.atomic
def seed_advice(corporation, users):
    """Create the demo's advice once; return a one-line summary for the console, or None when nothing was added."""
    project = RenovationProject.objects.filter(slug=PROJECT_SLUG, corporation=corporation).first()
    committee = Organisation.objects.filter(corporation=corporation, kind=Organisation.Kind.TENANT_ORGANISATION).first()
    if project is None or committee is None or AdviceRequest.objects.filter(project=project).exists():
        return None
    lead, representative = users["projectleider"], users.get(REPRESENTATIVE)
    if representative is not None:
        Membership.objects.get_or_create(
            user=representative, organisation=committee, defaults={"role": Membership.Role.TENANT_REPRESENTATIVE}
        )

    running = services.create_advice_request(
        project,
        organisation=committee,
        subject=RUNNING_SUBJECT,
        proposal=Proposal.objects.filter(project=project).first(),
        by=lead,
    )
    services.add_packet_document(
        running,
        title="Voorstel zonnepanelen en fietsenstalling",
        upload=pdf("voorstel.pdf", ["Voorstel zonnepanelen en fietsenstalling", "Kanaleneiland-Noord"]),
        by=lead,
    )
    services.add_packet_document(
        running,
        title="Berekening opbrengst per woning",
        upload=pdf("berekening.pdf", ["Opbrengst zonnepanelen per woning", "EUR 15 tot 20 per maand"]),
        by=lead,
    )
    services.record_packet_sent(running, sent_on=days_ago(28), by=lead)

    overdue = services.create_advice_request(project, organisation=committee, subject=OVERDUE_SUBJECT, by=lead)
    services.add_packet_document(
        overdue,
        title="Planning gevelwerkzaamheden per portiek",
        upload=pdf("planning.pdf", ["Planning gevelwerkzaamheden", "Portiek voor portiek, van noord naar zuid"]),
        by=lead,
    )
    services.record_packet_sent(overdue, sent_on=days_ago(56), by=lead)
    services.record_advice(
        overdue,
        received_on=days_ago(20),
        agrees=False,
        text=(
            "De commissie adviseert om te beginnen bij de portieken aan de Columbuslaan: daar is de tocht het "
            "ergst. Ook vragen wij om geen werk in de zomervakantie, als veel gezinnen een rustige plek nodig hebben."
        ),
        by=representative or lead,
    )

    author = representative or lead
    services.add_minutes(
        committee, title="Vergadering bewonerscommissie", meeting_on=days_ago(10), minutes=MINUTES, by=author
    )
    services.add_committee_document(
        committee,
        title="Huishoudelijk reglement bewonerscommissie",
        upload=pdf("reglement.pdf", ["Huishoudelijk reglement", "Bewonerscommissie Kanaleneiland"]),
        by=author,
    )
    return (
        f"Demo advice: {committee} has advice running on {RUNNING_SUBJECT!r} and the corporation's response on "
        f"{OVERDUE_SUBJECT!r} is overdue."
    )
