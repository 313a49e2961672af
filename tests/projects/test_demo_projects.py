"""The demo's renovation projects (`manage.py seed_demo`): a living project in execution that a visitor can try as
tenant, contractor or staff, and a second one at the proposal."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from projects.demo import PROJECT_SLUG, SECOND_SLUG, tiny_pdf
from projects.models import (
    AllowanceRate,
    Appointment,
    Commitment,
    Document,
    HomeChoice,
    HomePlan,
    Phase,
    PhaseChange,
    RenovationProject,
    TemporaryHome,
    Visibility,
    WorkItem,
)
from projects.selectors import commitment_summary, compensation_amounts
from projects.uploads import check_document

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_hashing_and_files_in_tmp(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def demo():
    call_command("seed_demo", force=True, stdout=StringIO())
    return RenovationProject.objects.get(slug=PROJECT_SLUG)


def user(login):
    return get_user_model().objects.get(email=f"{login}@demo.renovatie.nl")


def test_demo_project_is_in_execution_over_kanaleneiland_with_its_history(demo):
    assert demo.name == "Kanaleneiland-Noord: duurzaam en comfortabel"
    assert demo.phase == Phase.EXECUTION
    assert [c.name for c in demo.complexes.all()] == ["Kanaleneiland-Noord"]
    assert list(PhaseChange.objects.filter(project=demo).values_list("to_phase", flat=True)) == [
        "proposal",
        "consultation",
        "preparation",
        "execution",
    ]
    assert demo.milestones.filter(done_on__isnull=False).exists()
    assert demo.milestones.filter(done_on__isnull=True).exists()


def test_every_home_in_the_complex_has_a_plan_with_work_items(demo):
    homes = demo.complexes.get().dwellings.count()

    assert HomePlan.objects.filter(project=demo).count() == homes == 60
    assert not HomePlan.objects.filter(project=demo, work_items__isnull=True).exists()
    kinds = set(WorkItem.objects.filter(home_plan__project=demo).values_list("kind", flat=True))
    assert {"windows", "insulation", "ventilation", "bathroom", "kitchen"} == kinds
    assert WorkItem.objects.filter(home_plan__project=demo, days_without_shower__gt=0).exists()


def test_visits_are_done_missed_today_confirmed_and_proposed(demo):
    statuses = {
        status: Appointment.objects.filter(home_plan__project=demo, status=status).count()
        for status in ("done", "missed", "confirmed", "proposed")
    }

    assert statuses["done"] == 14 and statuses["missed"] == 2
    assert statuses["confirmed"] > 4 and statuses["proposed"] > 0
    today = Appointment.objects.filter(home_plan__project=demo, slot__starts_at__date=timezone.localdate())
    assert today.count() == 4
    assert not HomePlan.objects.filter(project=demo, appointments__isnull=True).exists()


def test_demo_tenant_has_a_visit_to_confirm_and_choices_to_make(demo):
    household = user("huurder").tenant_profile.household

    assert Appointment.objects.filter(home_plan__household=household, status="proposed").exists()
    open_choices = HomeChoice.objects.filter(home_plan__household=household, option__isnull=True)
    assert open_choices.count() == 2
    assert all(choice.topic.deadline > timezone.localdate() for choice in open_choices)


def test_one_household_moves_to_a_temporary_home_and_is_owed_the_moving_allowance(demo):
    (home,) = TemporaryHome.objects.filter(home_plan__project=demo)
    assert home.home_plan.household == user("mohamed").tenant_profile.household
    moving = home.home_plan.compensations.get(kind="moving")

    ((_, amount),) = compensation_amounts([moving])

    assert moving.amount is None  # it follows the dated rate staff maintain
    assert amount == AllowanceRate.objects.filter(valid_from__lte=moving.reference_date).first().amount


def test_commitments_are_kept_on_time_kept_late_broken_open_and_late(demo):
    summary = commitment_summary(demo)

    assert (summary["kept"], summary["kept_on_time"], summary["broken"]) == (3, 2, 1)
    assert (summary["open"], summary["late"]) == (2, 1)
    assert all(c.resolution_note for c in Commitment.objects.filter(project=demo).exclude(status="open"))


def test_updates_have_a_generated_photo_and_documents_are_public_and_staff_only(demo):
    photo = demo.updates.filter(photos__isnull=False).get().photos.get()
    with Image.open(photo.image.path) as image:
        assert image.format == "PNG" and image.size == (800, 500)
    assert photo.description
    assert demo.updates.count() == 2
    visibilities = set(Document.objects.filter(project=demo).values_list("visibility", flat=True))
    assert visibilities == {Visibility.PUBLIC, Visibility.STAFF}
    assert set(Document.objects.filter(project=demo).values_list("content_type", flat=True)) == {"application/pdf"}


def test_generated_pdf_is_well_formed():
    pdf = tiny_pdf(["Hallo (demo)"])

    assert pdf.startswith(b"%PDF-1.4\n") and pdf.endswith(b"%%EOF\n")
    xref_at = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert pdf[xref_at:].startswith(b"xref\n0 6\n")
    offsets = [int(line[:10]) for line in pdf[xref_at:].split(b"\n")[3:8]]
    assert [pdf[offset:].split(b" ")[0] for offset in offsets] == [b"1", b"2", b"3", b"4", b"5"]
    assert b"(Hallo \\(demo\\)) '" in pdf


def test_generated_pdf_passes_the_upload_check():
    from django.core.files.uploadedfile import SimpleUploadedFile

    assert check_document(SimpleUploadedFile("x.pdf", tiny_pdf(["x"]))) == "application/pdf"


def test_second_project_is_at_the_proposal_over_zuilen(demo):
    second = RenovationProject.objects.get(slug=SECOND_SLUG)

    assert second.phase == Phase.PROPOSAL
    assert [c.name for c in second.complexes.all()] == ["Zuilen"]


def test_moving_allowance_rates_are_the_demo_figures(demo):
    rates = {str(rate.valid_from): str(rate.amount) for rate in AllowanceRate.objects.all()}

    assert rates == {"2025-02-01": "7569.00", "2026-02-01": "7800.00"}


def test_running_seed_demo_again_adds_no_second_project_or_rows(demo):
    before = (HomePlan.objects.count(), Appointment.objects.count(), Commitment.objects.count())

    call_command("seed_demo", force=True, stdout=StringIO())

    assert RenovationProject.objects.filter(slug=PROJECT_SLUG).count() == 1
    assert (HomePlan.objects.count(), Appointment.objects.count(), Commitment.objects.count()) == before


def test_demo_staff_member_sees_the_project_on_the_start_page_and_its_dashboard(client, demo):
    client.force_login(user("medewerker"))

    assert demo.name in client.get("/beheer/").content.decode()
    response = client.get(f"/beheer/projecten/{demo.slug}/")
    assert response.status_code == 200
    assert response.context["dashboard"].missed_count == 2
