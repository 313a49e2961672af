"""The Celery app. Settings come from Django's, prefixed CELERY_ (read lazily, so tests can override them).

Importing renovatie.logcontext connects the signals that carry a request's id into the tasks it queues.
"""

import os

from celery import Celery

import renovatie.logcontext  # noqa: F401  (connects the request-id signals, in the web and the worker alike)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renovatie.settings")

app = Celery("renovatie")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
