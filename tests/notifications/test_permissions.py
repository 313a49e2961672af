"""Who may open which notification page: one table of role × page → what the person gets.

Everyone signed in has their own list, settings and "mark all read"; a notification is only its recipient's
(anyone else gets 404). The staff pages of a project are for the staff of its corporation: other people signed
in get 403, staff of another corporation 404 (as if the project did not exist). Anonymous visitors log in first.
"""

import pytest

from notifications import services
from notifications.models import Notification, PaperNotice
from tests.factories import CorporationFactory, contractor_member, household_of, staff_member, tenant
from tests.permission_table import LOGIN, outcome

from .conftest import appointment_for, emit_committed

pytestmark = pytest.mark.django_db

BACK = "back"
THING = "the thing itself"

PAGES = [
    ("GET", "/meldingen/"),
    ("GET", "/meldingen/{notification}/"),
    ("POST", "/meldingen/{notification}/gelezen/"),
    ("POST", "/meldingen/alles-gelezen/"),
    ("GET", "/meldingen/instellingen/"),
    ("GET", "/beheer/projecten/{slug}/meldingen/"),
    ("GET", "/beheer/projecten/{slug}/meldingen/brieven/"),
    ("POST", "/beheer/projecten/{slug}/meldingen/brieven/nieuw/"),
    ("GET", "/beheer/projecten/{slug}/meldingen/brieven/{batch}/"),
    ("POST", "/beheer/projecten/{slug}/meldingen/brieven/{batch}/verstuurd/"),
]

# fmt: off
EXPECTED = {
    #                       list   open   read   all    prefs  log    letters make   batch  posted
    "anonymous":           (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN,  LOGIN, LOGIN, LOGIN),
    "tenant of project":   (200,   THING, BACK,  BACK,  200,   403,   403,    403,   403,   403),
    "tenant elsewhere":    (200,   404,   404,   BACK,  200,   403,   403,    403,   403,   403),
    "contractor":          (200,   404,   404,   BACK,  200,   403,   403,    403,   403,   403),
    "staff":               (200,   404,   404,   BACK,  200,   200,   200,    BACK,  200,   BACK),
    "staff of another":    (200,   404,   404,   BACK,  200,   404,   404,    404,   404,   404),
}
# fmt: on


@pytest.fixture
def world(project, households, dutch, staff_user):
    emit_committed(
        "appointment.planned", project=project, actor=None, appointment=appointment_for(project, households[0])
    )
    emit_committed(
        "appointment.planned", project=project, actor=None, appointment=appointment_for(project, households[2])
    )
    batch = services.make_letter_batch(project, by=staff_user)
    emit_committed(
        "appointment.planned", project=project, actor=None, appointment=appointment_for(project, households[3])
    )
    assert PaperNotice.objects.filter(batch__isnull=True).count() == 1
    return {
        "project": project,
        "dutch": dutch,
        "notification": Notification.objects.get(recipient=dutch),
        "batch": batch,
    }


def person(role, world):
    corporation = world["project"].corporation
    make = {
        "anonymous": lambda: None,
        "tenant of project": lambda: world["dutch"],
        "tenant elsewhere": lambda: tenant(household_of(corporation)),
        "contractor": lambda: contractor_member(corporation),
        "staff": lambda: staff_member(corporation),
        "staff of another": lambda: staff_member(CorporationFactory()),
    }
    return make[role]()


@pytest.mark.parametrize("role", EXPECTED)
def test_who_may_open_which_notification_page(client, world, role):
    user = person(role, world)
    if user is not None:
        client.force_login(user)
    slug = world["project"].slug
    got = []
    for method, template in PAGES:
        url = template.format(slug=slug, notification=world["notification"].pk, batch=world["batch"].pk)
        response = client.post(url) if method == "POST" else client.get(url)
        back = f"/beheer/projecten/{slug}/meldingen/" if url.startswith("/beheer/") else "/meldingen/"
        result = outcome(response, back=back)
        if result == f"→ /projecten/{slug}/mijn-woning/":
            result = THING
        got.append(result)
    assert tuple(got) == EXPECTED[role]
