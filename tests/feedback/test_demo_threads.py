"""The demo's discussions (`manage.py seed_demo`): threads of every kind with replies, support, official answers by
staff and by the contractor, a resolved problem report, an unanswered question, a popular idea, a reported post
waiting for staff, and a thread in the complex Zuilen."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Max

from feedback.models import Flag, LiveEvent, Post, Support, Thread
from projects.demo import PROJECT_SLUG

pytestmark = pytest.mark.django_db
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _uploads_in_tmp_and_no_two_factor(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def demo():
    call_command("seed_demo", force=True, stdout=StringIO())
    return Thread.objects.filter(project__slug=PROJECT_SLUG)


def user(login):
    return get_user_model().objects.get(email=f"{login}@demo.renovatie.nl")


def test_the_demo_project_has_a_thread_of_every_kind_with_replies(demo):
    assert set(demo.values_list("kind", flat=True)) == set(Thread.Kind.values)
    assert demo.filter(reply_count__gte=2).count() >= 4
    for thread in demo:
        assert thread.reply_count == thread.posts.filter(parent__isnull=False).count()
        assert thread.support_count == Support.objects.filter(thread=thread).count()


def test_replies_go_several_levels_deep(demo):
    assert Post.objects.filter(thread__in=demo).aggregate(deepest=Max("depth"))["deepest"] >= 5


def test_staff_and_the_contractor_each_gave_an_official_answer(demo):
    official_authors = set(Post.objects.filter(thread__in=demo, is_official=True).values_list("author", flat=True))
    assert {user("projectleider").pk, user("aannemer").pk} <= official_authors
    for thread in demo.filter(posts__is_official=True):
        assert thread.first_official_answer_at > thread.created_at


def test_the_problem_in_the_stairwell_is_resolved_with_who_and_when(demo):
    problem = demo.get(kind=Thread.Kind.PROBLEM)
    assert problem.status == Thread.Status.RESOLVED
    assert problem.location == Thread.Location.STAIRWELL
    assert list(problem.status_changes.values_list("to_status", flat=True)) == ["answered", "planned", "resolved"]
    assert all(change.changed_by is not None for change in problem.status_changes.all())


def test_one_question_is_still_open_without_an_answer(demo):
    assert demo.filter(kind=Thread.Kind.QUESTION, status=Thread.Status.OPEN, reply_count=0).count() == 1


def test_the_idea_has_the_most_support(demo):
    idea = demo.get(kind=Thread.Kind.IDEA)
    assert idea.support_count >= 10
    assert idea == demo.order_by("-support_count").first()


def test_one_post_is_reported_and_waits_for_staff(client, demo):
    flag = Flag.objects.get()
    assert not flag.post.is_hidden and flag.post.flag_count == 1
    client.force_login(user("medewerker"))

    queue = client.get("/beheer/moderatie/", **ENGLISH).content.decode()

    assert "Klusbedrijf Snel" in queue and "Reclame voor een klusbedrijf" in queue


def test_the_complex_zuilen_has_a_thread_answered_by_staff(demo):
    thread = Thread.objects.get(complex__name="Zuilen")
    assert thread.status == Thread.Status.ANSWERED
    assert thread.posts.get(is_official=True).author == user("medewerker")
    assert thread.author == user("henk")


def test_the_demo_tenant_reads_the_discussions_of_her_project(client, demo):
    client.force_login(user("huurder"))

    page = client.get(f"/projecten/{PROJECT_SLUG}/gesprekken/", **ENGLISH)

    assert page.status_code == 200
    for thread in demo:
        assert thread.title in page.content.decode()


def test_running_seed_demo_again_adds_no_discussions(demo):
    before = (Thread.objects.count(), Post.objects.count(), Support.objects.count(), LiveEvent.objects.count())

    call_command("seed_demo", force=True, stdout=StringIO())

    assert (Thread.objects.count(), Post.objects.count(), Support.objects.count(), LiveEvent.objects.count()) == before
