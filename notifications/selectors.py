"""Reads for the staff pages: what was sent to whom in a project, and the letters for households not online."""

from itertools import groupby

from django.db.models import Count, Q

from .models import EmailRhythm, LetterBatch, Notification, PaperNotice

DIGESTS = [EmailRhythm.DAILY, EmailRhythm.WEEKLY]


def sent_in_project(project):
    """Every notification of the project, newest first, with its recipient and e-mail (two joins, no per-row query)."""
    return (
        Notification.objects.filter(project=project)
        .select_related("recipient__tenant_profile", "email")
        .order_by("-created_at", "-pk")
    )


def paper_waiting(project):
    return PaperNotice.objects.filter(project=project, batch__isnull=True).select_related("household__dwelling")


def letter_batches(project):
    return LetterBatch.objects.filter(project=project).annotate(
        notices_count=Count("notices"), households_count=Count("notices__household", distinct=True)
    )


def letters_in(batch):
    """[(household, [notice, ...])] for one batch, by address: one letter per household."""
    notices = (
        PaperNotice.objects.filter(batch=batch)
        .select_related("household__dwelling")
        .order_by("household__dwelling__street", "household__dwelling__house_number", "household_id", "created_at")
    )
    return [(household, list(items)) for household, items in groupby(notices, key=lambda n: n.household)]


def delivery_counts(project):
    """How the project's notifications went: on the website (read or not) and by e-mail (sent, waiting, failed)."""
    return Notification.objects.filter(project=project).aggregate(
        total=Count("pk"),
        read=Count("pk", filter=Q(read_at__isnull=False)),
        emailed=Count("pk", filter=Q(email__status="sent")),
        waiting=Count(
            "pk", filter=Q(email__status="pending") | Q(email__isnull=True, email_rhythm__in=["daily", "weekly"])
        ),
        failed=Count("pk", filter=Q(email__status="failed")),
    )
