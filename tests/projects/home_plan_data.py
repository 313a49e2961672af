"""Builders for what a home plan and a project page show, n of each, so tests can compare small and large data."""

import io
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from projects.models import (
    Appointment,
    ChoiceOption,
    ChoiceTopic,
    Commitment,
    Compensation,
    Document,
    HomeChoice,
    Milestone,
    Update,
    UpdatePhoto,
    VisitSlot,
    WorkItem,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes(colour="red"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def soon(days, hour=9):
    """An aware datetime `days` from today at `hour` o'clock, in the site's time zone."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def add_work_items(plan, n):
    for i in range(n):
        WorkItem.objects.create(
            home_plan=plan,
            kind=WorkItem.Kind.KITCHEN if i % 2 else WorkItem.Kind.BATHROOM,
            description=f"Werk {i}",
            starts_on=timezone.localdate() + timedelta(days=30 + i),
            ends_on=timezone.localdate() + timedelta(days=32 + i),
            tenant_preparation=f"Ruim kast {i} leeg",
            days_without_water=i % 3,
            days_without_kitchen=1,
        )


def add_choices(plan, n, *, deadline_in_days=14):
    topics = []
    for i in range(n):
        topic = ChoiceTopic.objects.create(
            project=plan.project,
            title=f"Keuze {i}",
            deadline=timezone.localdate() + timedelta(days=deadline_in_days),
        )
        ChoiceOption.objects.create(topic=topic, label=f"Wit {i}")
        ChoiceOption.objects.create(topic=topic, label=f"Grijs {i}", extra_cost=Decimal("1250.00"))
        HomeChoice.objects.create(home_plan=plan, topic=topic)
        topics.append(topic)
    return topics


def add_slot(project, contractor, *, starts_at, team="Team A", purpose="Opname", minutes=60):
    return VisitSlot.objects.create(
        project=project,
        contractor=contractor,
        team=team,
        purpose=purpose,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
    )


def add_appointments(plan, contractor, n, *, status=Appointment.Status.PROPOSED, first_day=3):
    """n visits to `plan`'s home on n days from `first_day` days ahead, each for its own purpose."""
    return [
        Appointment.objects.create(
            home_plan=plan,
            slot=add_slot(
                plan.project, contractor, starts_at=soon(first_day + i), team=f"Team {plan.pk}", purpose=f"Bezoek {i}"
            ),
            status=status,
        )
        for i in range(n)
    ]


def add_compensations(plan, n):
    for i in range(n):
        Compensation.objects.create(
            home_plan=plan, kind=Compensation.Kind.SOCIAL_PLAN, description=f"Vergoeding {i}", amount=Decimal("100.00")
        )


def add_milestones(project, n):
    for i in range(n):
        Milestone.objects.create(project=project, title=f"Mijlpaal {i}", due_on=timezone.localdate() + timedelta(i))


def add_commitments(project, owner, organisation, n):
    for i in range(n):
        Commitment.objects.create(
            project=project,
            title=f"Belofte {i}",
            owner=owner,
            organisation=organisation,
            due_on=timezone.localdate() + timedelta(days=i - n // 2),
        )


def add_updates(project, organisation, n, *, photos=1):
    for i in range(n):
        update = Update.objects.create(project=project, organisation=organisation, title=f"Nieuws {i}", body="Tekst")
        for j in range(photos):
            UpdatePhoto.objects.create(
                update=update,
                image=SimpleUploadedFile(f"foto-{i}-{j}.png", png_bytes(), content_type="image/png"),
                description=f"Steiger aan de voorkant {i}-{j}",
            )


def add_document(project, *, title, visibility, pdf=True):
    content = PDF_BYTES if pdf else png_bytes()
    name = "stuk.pdf" if pdf else "plaatje.png"
    return Document.objects.create(
        project=project,
        title=title,
        file=SimpleUploadedFile(name, content),
        content_type="application/pdf" if pdf else "image/png",
        size=len(content),
        visibility=visibility,
    )
