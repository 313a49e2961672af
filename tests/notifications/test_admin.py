"""The notifications admin: read-only logs, scoped to the staff member's corporation."""

import pytest

from notifications.models import Notification
from tests.factories import TenantProfileFactory, project_in_execution, staff_member

from .conftest import appointment_for, emit_committed

pytestmark = pytest.mark.django_db


def test_staff_see_only_their_own_corporations_notifications_and_change_nothing(client, project, households, dutch):
    other = project_in_execution(homes=1, slug="elders")
    other_tenant = TenantProfileFactory(household=other.home_plans.get().household).user
    for where, household in ((project, households[0]), (other, other.home_plans.get().household)):
        emit_committed("appointment.planned", project=where, actor=None, appointment=appointment_for(where, household))
    client.force_login(staff_member(project.corporation))

    response = client.get("/admin/notifications/notification/")
    assert set(response.context["cl"].result_list) == {Notification.objects.get(recipient=dutch)}
    assert Notification.objects.get(recipient=other_tenant) not in response.context["cl"].result_list
    own = Notification.objects.get(recipient=dutch)
    assert client.post(f"/admin/notifications/notification/{own.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Notification.objects.filter(pk=own.pk).exists()
    assert client.get("/admin/notifications/papernotice/").status_code == 200
    assert client.get("/admin/notifications/letterbatch/").status_code == 200
