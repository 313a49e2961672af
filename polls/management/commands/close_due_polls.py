"""`manage.py close_due_polls`: close every open poll whose closing moment has passed, so "poll.closed" goes out.

Voting already stops at the closing moment (polls.models.Poll.voting_ended); this marks the poll closed and tells
the rest of the platform. Celery beat runs polls.tasks.close_due_polls every five minutes; this command does the
same by hand.
"""

from django.core.management.base import BaseCommand

from polls.services import close_due_polls


class Command(BaseCommand):
    help = "Close the polls whose closing moment has passed."

    def handle(self, *args, **options):
        closed = close_due_polls()
        self.stdout.write(f"Closed {closed} poll(s).")
