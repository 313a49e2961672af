"""Celery beat's schedule (renovatie/settings.py) names tasks that exist: the sweeper and both digests."""

from django.conf import settings

from renovatie.celery import app


def test_every_notification_task_in_the_beat_schedule_exists():
    app.loader.import_default_modules()
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    ours = {name for name in names if name.startswith("notifications.")}
    assert ours == {
        "notifications.tasks.sweep_outbox",
        "notifications.tasks.send_daily_digests",
        "notifications.tasks.send_weekly_digests",
    }
    assert ours <= set(app.tasks)
