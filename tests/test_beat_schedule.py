"""Every task Celery beat is told to run (renovatie/settings.py) exists: a typo would fail silently in production,
beat sending a task no worker knows."""

from django.conf import settings

from renovatie.celery import app


def test_every_task_in_the_beat_schedule_is_registered():
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled - set(app.tasks) == set()
    assert "polls.tasks.close_due_polls" in scheduled
