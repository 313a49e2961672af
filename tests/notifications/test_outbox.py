"""Never lost, never doubled: the notification and its e-mail are written with the change, queued after commit,
swept up when the broker was down, and sent once however often the task runs."""

import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from notifications import outbox
from notifications.models import EmailDelivery, Notification
from notifications.tasks import send_email, sweep_outbox
from renovatie import events
from tenants.models import TenantProfile

from . import backends
from .conftest import appointment_for, broker_down, emit_committed, running_worker, wait_for


def plan_visit(project, household, by=None):
    appointment = appointment_for(project, household)
    emit_committed("appointment.planned", project=project, actor=by, appointment=appointment)
    return appointment


@pytest.mark.django_db
def test_an_urgent_event_writes_a_notification_and_sends_one_email(project, households, dutch):
    plan_visit(project, households[0])

    notification = Notification.objects.get(recipient=dutch)
    assert notification.event == "appointment.planned"
    assert notification.email.status == EmailDelivery.Status.SENT
    assert [message.to for message in mail.outbox] == [[dutch.email]]


@pytest.mark.django_db
def test_a_change_that_is_rolled_back_leaves_no_notification_and_no_email(project, households, dutch):
    appointment = appointment_for(project, households[0])
    with pytest.raises(RuntimeError), transaction.atomic():
        events.emit("appointment.planned", project=project, actor=None, appointment=appointment)
        raise RuntimeError("the service failed after emitting")

    assert not Notification.objects.exists()
    assert not EmailDelivery.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_failing_in_transaction_subscriber_does_not_undo_the_change(project, households):
    def broken(event):
        TenantProfile.objects.create(user=None, household=None)  # an integrity error inside the savepoint

    events.subscribe_in_transaction("test.happened", broken)
    try:
        with transaction.atomic():
            project.name = "Kept"
            project.save()
            events.emit("test.happened", project=project)
    finally:
        events.unsubscribe_in_transaction("test.happened", broken)
    project.refresh_from_db()
    assert project.name == "Kept"


@pytest.mark.django_db(transaction=True)
def test_the_sweeper_leaves_an_email_that_was_just_queued_alone(project, households, dutch):
    with broker_down():
        plan_visit(project, households[0])
    assert outbox.sweep() == 0
    assert outbox.sweep(now=timezone.now() + timedelta(minutes=2)) == 1


@pytest.mark.django_db(transaction=True)
def test_two_tasks_for_one_email_at_the_same_moment_send_it_once(project, households, dutch):
    with broker_down():
        plan_visit(project, households[0])
    delivery = EmailDelivery.objects.get()
    backends.send_delay = 0.5  # the first sender holds the row while the mail server takes its time
    results = []

    def send():
        try:
            results.append(outbox.deliver(delivery.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [False, True]
    assert len(mail.outbox) == 1


@pytest.mark.services
def test_a_real_worker_on_redis_delivers_the_email(worker, project, households, dutch):
    plan_visit(project, households[0])

    assert wait_for(lambda: len(mail.outbox) == 1)
    assert mail.outbox[0].to == [dutch.email]
    assert wait_for(lambda: EmailDelivery.objects.get().status == EmailDelivery.Status.SENT)


@pytest.mark.services
def test_a_broker_down_at_commit_loses_nothing_and_the_sweeper_sends_it_once(
    transactional_db, project, households, dutch
):
    with broker_down():
        plan_visit(project, households[0])
    delivery = EmailDelivery.objects.get()
    assert delivery.status == EmailDelivery.Status.PENDING
    assert mail.outbox == []

    with running_worker():
        EmailDelivery.objects.update(queued_at=timezone.now() - timedelta(minutes=2))  # a minute went by
        sweep_outbox.delay()  # as beat does
        assert wait_for(lambda: len(mail.outbox) == 1)
        EmailDelivery.objects.update(queued_at=timezone.now() - timedelta(minutes=2))
        assert sweep_outbox() == 0  # sent: nothing left to sweep
        time.sleep(0.5)
    assert len(mail.outbox) == 1
    assert EmailDelivery.objects.get().status == EmailDelivery.Status.SENT


@pytest.mark.services
def test_a_task_that_runs_again_after_sending_sends_nothing_more(worker, project, households, dutch):
    plan_visit(project, households[0])
    assert wait_for(lambda: len(mail.outbox) == 1)
    delivery = EmailDelivery.objects.get()

    send_email.delay(delivery.pk)  # as after a redelivery or a duplicate
    send_email.delay(delivery.pk)
    time.sleep(1)
    assert len(mail.outbox) == 1
    assert EmailDelivery.objects.get().attempts == 1


@pytest.mark.services
def test_an_smtp_failure_is_retried_with_backoff_and_the_email_sent_once(worker, project, households, dutch):
    backends.failures_left = 1
    plan_visit(project, households[0])

    assert wait_for(lambda: len(mail.outbox) == 1)
    time.sleep(0.5)
    assert len(mail.outbox) == 1
    delivery = EmailDelivery.objects.get()
    assert delivery.status == EmailDelivery.Status.SENT
    assert delivery.attempts == 2
