"""Starting threads of each kind, replying at any depth, support, official answers, status and edits: what the
tenants and staff see on the pages, and what the services keep."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from feedback import services
from feedback.models import (
    LiveEvent,
    ModerationAction,
    Post,
    PostRevision,
    Support,
    Thread,
    ThreadPhoto,
    ThreadStatusChange,
)
from renovatie import events
from tests.feedback.conftest import ENGLISH, png

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings(discussion_settings):
    return discussion_settings


def ask(project, author, title="Wanneer komt de steiger?", body="Weet iemand het?", **extra):
    return services.start_thread(
        project=project, kind=Thread.Kind.QUESTION, title=title, body=body, author=author, **extra
    )


@pytest.mark.parametrize("kind", Thread.Kind.values)
def test_a_tenant_starts_a_thread_of_each_kind_and_sees_it_in_the_list(client, project, asker, kind):
    client.force_login(asker)

    response = client.post(
        f"/projecten/{project.slug}/gesprekken/nieuw/",
        {"kind": kind, "title": f"Over {kind}", "body": "Wat vinden jullie?"},
        **ENGLISH,
    )

    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/gesprekken/{thread.pk}/"
    assert thread.kind == kind and thread.author == asker and thread.status == Thread.Status.OPEN
    opening = thread.posts.get()
    assert opening.depth == 0 and opening.path == Post.path_segment(opening.pk)
    listing = client.get(f"/projecten/{project.slug}/gesprekken/", **ENGLISH).content.decode()
    assert f"Over {kind}" in listing and "by Anna, nr. 1" in listing


def test_a_problem_report_carries_a_photo_with_its_description_and_where_it_is(client, project, asker, neighbour):
    client.force_login(asker)

    response = client.post(
        f"/projecten/{project.slug}/gesprekken/nieuw/",
        {
            "kind": "problem",
            "title": "Lekkage in het trappenhuis",
            "body": "Er staat water op de overloop.",
            "location": "stairwell",
            "photo_1": png(),
            "description_1": "Een plas water bij de trap",
        },
        **ENGLISH,
    )

    thread = Thread.objects.get()
    photo = ThreadPhoto.objects.get(thread=thread)
    assert response.status_code == 302
    assert thread.location == "stairwell" and photo.content_type == "image/png"
    client.force_login(neighbour)
    page = client.get(f"/gesprekken/{thread.pk}/", **ENGLISH).content.decode()
    assert "Where: in the stairwell or gallery" in page
    assert 'alt="Een plas water bij de trap"' in page
    image = client.get(f"/gesprekken/{thread.pk}/fotos/{photo.pk}/")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"


def test_a_photo_without_a_description_is_refused_and_nothing_is_saved(client, project, asker):
    client.force_login(asker)

    response = client.post(
        f"/projecten/{project.slug}/gesprekken/nieuw/",
        {"kind": "problem", "title": "Lekkage", "body": "Water.", "photo_1": png()},
        **ENGLISH,
    )

    assert response.status_code == 400
    assert "Describe the photo for people who cannot see it." in response.content.decode()
    assert not Thread.objects.exists()


def test_only_a_problem_report_carries_photos(project, asker):
    with pytest.raises(ValidationError):
        ask(project, asker, photos=[(png(), "Een foto")])
    assert not Thread.objects.exists()


def test_replies_nest_below_their_parent_with_paths_and_counts(project, asker, neighbour):
    thread = ask(project, asker)
    opening = thread.posts.get()

    first = services.reply(opening, "Volgende week, denk ik.", neighbour)
    second = services.reply(first, "Dank je!", asker)

    thread.refresh_from_db()
    assert (first.depth, second.depth) == (1, 2)
    assert second.path == opening.path + Post.path_segment(first.pk) + Post.path_segment(second.pk)
    assert thread.reply_count == 2 and thread.last_activity_at == second.created_at
    assert list(thread.posts.order_by("path")) == [opening, first, second]


def test_a_reply_on_the_page_appears_under_the_post_it_answers(client, project, asker, neighbour):
    thread = ask(project, asker)
    opening = thread.posts.get()
    client.force_login(neighbour)

    response = client.post(f"/gesprekken/{thread.pk}/bericht/{opening.pk}/reageren/", {"body": "Ik weet het niet."})

    reply = Post.objects.get(parent=opening)
    assert response.status_code == 302 and response["Location"].endswith(f"#post-{reply.pk}")
    page = client.get(f"/gesprekken/{thread.pk}/", **ENGLISH).content.decode()
    replies = page.index(f'id="replies-{opening.pk}"')
    assert replies < page.index(f'id="post-{reply.pk}"')
    assert "Ik weet het niet." in page and "1 reply" in page


def test_deep_replies_continue_on_their_own_page(client, project, asker, neighbour):
    thread = ask(project, asker)
    post = thread.posts.get()
    chain = [post]
    for depth in range(1, 9):
        post = services.reply(post, f"Niveau {depth}", neighbour if depth % 2 else asker)
        chain.append(post)
    client.force_login(asker)

    page = client.get(f"/gesprekken/{thread.pk}/", **ENGLISH).content.decode()
    continuation = client.get(f"/gesprekken/{thread.pk}/bericht/{chain[5].pk}/", **ENGLISH).content.decode()

    assert "Niveau 5" in page and "Niveau 6" not in page
    assert f'href="/gesprekken/{thread.pk}/bericht/{chain[5].pk}/"' in page and "Continue this thread" in page
    assert "Niveau 5" in continuation and "Niveau 8" in continuation and "Niveau 4" not in continuation
    assert "Back to the whole thread" in continuation


def test_support_counts_once_per_person_and_can_be_taken_back(client, project, asker, neighbour):
    thread = ask(project, asker)
    client.force_login(neighbour)

    client.post(f"/gesprekken/{thread.pk}/steunen/")
    thread.refresh_from_db()
    assert thread.support_count == 1 and Support.objects.filter(thread=thread, user=neighbour).count() == 1
    page = client.get(f"/gesprekken/{thread.pk}/", **ENGLISH).content.decode()
    assert "1 person has this too" in page and 'aria-pressed="true"' in page

    client.post(f"/gesprekken/{thread.pk}/steunen/")
    thread.refresh_from_db()
    assert thread.support_count == 0 and not Support.objects.exists()


def test_an_idea_gets_a_support_button_instead_of_me_too(client, project, asker, neighbour):
    thread = services.start_thread(
        project=project, kind=Thread.Kind.IDEA, title="Bankje bij de ingang", body="Wie steunt dit?", author=asker
    )
    client.force_login(neighbour)

    page = client.get(f"/gesprekken/{thread.pk}/", **ENGLISH).content.decode()

    assert ">Support</button>" in page and "Me too" not in page


def test_support_on_the_list_sorts_most_supported_first(client, project, asker, neighbour):
    quiet = ask(project, asker, title="Stille vraag")
    popular = ask(project, asker, title="Populaire vraag")
    services.toggle_support(popular, neighbour)
    ask(project, asker, title="Nieuwste vraag")
    client.force_login(neighbour)

    page = client.get(f"/projecten/{project.slug}/gesprekken/?sort=supported", **ENGLISH).content.decode()

    assert page.index("Populaire vraag") < page.index("Nieuwste vraag")
    assert page.index(f'id="thread-{popular.pk}"') < page.index(f'id="thread-{quiet.pk}"')
    assert "you too" in page


def test_unanswered_lists_the_oldest_question_without_an_official_answer_first(client, project, asker, contractor):
    ask(project, asker, title="Oude vraag")
    answered = ask(project, asker, title="Beantwoorde vraag")
    answer = services.reply(answered.posts.get(), "Maandag.", contractor)
    services.mark_official(answer, contractor)
    ask(project, asker, title="Nieuwe vraag")
    client.force_login(asker)

    page = client.get(f"/projecten/{project.slug}/gesprekken/?sort=unanswered", **ENGLISH).content.decode()

    assert "Beantwoorde vraag" not in page
    assert page.index("Oude vraag") < page.index("Nieuwe vraag")


def test_an_official_answer_moves_the_thread_to_answered_and_records_when(client, project, asker, contractor):
    thread = ask(project, asker)
    answer = services.reply(thread.posts.get(), "De steiger komt maandag.", contractor)
    client.force_login(contractor)

    response = client.post(f"/gesprekken/{thread.pk}/bericht/{answer.pk}/officieel/")

    thread.refresh_from_db()
    answer.refresh_from_db()
    assert response.status_code == 302
    assert answer.is_official and thread.status == Thread.Status.ANSWERED
    assert thread.first_official_answer_at == answer.created_at
    change = ThreadStatusChange.objects.get(thread=thread)
    assert (change.from_status, change.to_status, change.changed_by) == ("open", "answered", contractor)
    page = client.get(f"/gesprekken/{thread.pk}/", **ENGLISH).content.decode()
    assert "Official answer" in page and "Kees (Bouwbedrijf Smit)" in page


def test_a_tenants_reply_cannot_be_made_official(project, asker, neighbour, staff):
    thread = ask(project, asker)
    reply = services.reply(thread.posts.get(), "Ik denk maandag.", neighbour)

    with pytest.raises(ValidationError):
        services.mark_official(reply, staff)

    thread.refresh_from_db()
    assert thread.status == Thread.Status.OPEN and thread.first_official_answer_at is None


def test_staff_move_a_thread_through_planned_to_resolved_and_each_step_is_logged(client, project, asker, staff):
    thread = ask(project, asker)
    client.force_login(staff)

    client.post(f"/gesprekken/{thread.pk}/status/", {"status": "planned"})
    client.post(f"/gesprekken/{thread.pk}/status/", {"status": "resolved"})

    thread.refresh_from_db()
    assert thread.status == Thread.Status.RESOLVED
    steps = list(ThreadStatusChange.objects.filter(thread=thread).values_list("from_status", "to_status", "changed_by"))
    assert steps == [("open", "planned", staff.pk), ("planned", "resolved", staff.pk)]
    page = client.get(f"/gesprekken/{thread.pk}/", **ENGLISH).content.decode()
    assert "Planned → resolved" in page and "by Fatima" in page


def test_the_author_may_mark_their_own_thread_resolved_but_not_planned(client, project, asker):
    thread = ask(project, asker)
    client.force_login(asker)

    refused = client.post(f"/gesprekken/{thread.pk}/status/", {"status": "planned"})
    resolved = client.post(f"/gesprekken/{thread.pk}/status/", {"status": "resolved"})

    thread.refresh_from_db()
    assert refused.status_code == 403 and resolved.status_code == 302
    assert thread.status == Thread.Status.RESOLVED


def test_an_edit_keeps_the_earlier_text_visible_as_history(client, project, asker, neighbour):
    thread = ask(project, asker, body="De steiger komt dinsdag.")
    opening = thread.posts.get()
    client.force_login(asker)

    response = client.post(
        f"/gesprekken/{thread.pk}/bericht/{opening.pk}/bewerken/", {"body": "De steiger komt woensdag."}
    )

    opening.refresh_from_db()
    assert response.status_code == 302
    assert opening.body == "De steiger komt woensdag." and opening.edited_at is not None
    assert PostRevision.objects.get(post=opening).body == "De steiger komt dinsdag."
    client.force_login(neighbour)
    page = client.get(f"/gesprekken/{thread.pk}/", **ENGLISH).content.decode()
    assert "edited on" in page and "De steiger komt dinsdag." in page and "woensdag" in page


def test_a_neighbour_cannot_edit_someone_elses_post(client, project, asker, neighbour):
    thread = ask(project, asker)
    client.force_login(neighbour)

    response = client.post(f"/gesprekken/{thread.pk}/bericht/{thread.posts.get().pk}/bewerken/", {"body": "Anders"})

    assert response.status_code == 403
    assert not PostRevision.objects.exists()


def test_every_write_is_numbered_for_live_pages_and_emitted_after_commit(
    project, asker, neighbour, staff, django_capture_on_commit_callbacks
):
    heard = []
    events.subscribe("*", heard.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            thread = ask(project, asker, body="Vraag aan @Bram")
            services.reply(thread.posts.get(), "Antwoord", neighbour)
            services.toggle_support(thread, neighbour)
            services.change_status(thread, Thread.Status.PLANNED, staff)
    finally:
        events.unsubscribe("*", heard.append)

    names = [event.name for event in heard]
    assert names == ["thread.started", "post.mentioned", "post.replied", "thread.supported", "thread.status_changed"]
    assert heard[1].data["user_ids"] == [neighbour.pk]
    assert list(LiveEvent.objects.order_by("pk").values_list("name", flat=True)) == [
        "thread.started",
        "post.created",
        "thread.updated",
        "thread.updated",
        "thread.updated",
    ]


def test_staff_see_the_median_answer_time_and_the_oldest_unanswered_question(client, project, asker, contractor, staff):
    waiting = ask(project, asker, title="Nog geen antwoord")
    Thread.objects.filter(pk=waiting.pk).update(created_at=waiting.created_at - timedelta(days=3))
    for hours in (2, 4, 30):
        thread = ask(project, asker, title=f"Vraag {hours}")
        answer = services.reply(thread.posts.get(), "Antwoord", contractor)
        Post.objects.filter(pk=answer.pk).update(created_at=thread.created_at + timedelta(hours=hours))
        answer.refresh_from_db()
        services.mark_official(answer, contractor)
    client.force_login(staff)

    page = client.get(f"/projecten/{project.slug}/gesprekken/", **ENGLISH).content.decode()

    assert "Median time to a first official answer" in page and "4\xa0hours" in page
    assert "Oldest unanswered" in page and "Nog geen antwoord" in page
    client.force_login(asker)
    assert "Median time" not in client.get(f"/projecten/{project.slug}/gesprekken/", **ENGLISH).content.decode()


def test_the_project_page_and_my_renovation_lead_to_the_discussions(client, project, asker):
    client.force_login(asker)

    project_page = client.get(f"/projecten/{project.slug}/", **ENGLISH).content.decode()
    my_renovation = client.get("/mijn-renovatie/", **ENGLISH).content.decode()

    assert f'href="/projecten/{project.slug}/gesprekken/"' in project_page
    assert f'href="/projecten/{project.slug}/gesprekken/"' in my_renovation
    complex_id = asker.tenant_profile.household.dwelling.complex_id
    assert f'href="/complexen/{complex_id}/gesprekken/"' in my_renovation


def test_the_public_project_page_does_not_show_the_discussions(client, project):
    page = client.get(f"/projecten/{project.slug}/", **ENGLISH).content.decode()

    assert "/gesprekken/" not in page


def test_staff_editing_someone_elses_post_is_in_the_moderation_log(client, project, asker, staff):
    thread = ask(project, asker, body="Bel 06-12345678 voor de sleutel")
    opening = thread.posts.get()
    client.force_login(staff)

    client.post(f"/gesprekken/{thread.pk}/bericht/{opening.pk}/bewerken/", {"body": "Bel de beheerder voor de sleutel"})

    action = ModerationAction.objects.get()
    assert (action.action, action.actor, action.member, action.post) == ("edit", staff, asker, opening)
    assert PostRevision.objects.get(post=opening).edited_by == staff


def test_photos_are_hidden_with_a_hidden_opening_post_except_for_staff(client, project, asker, neighbour, staff):
    thread = services.start_thread(
        project=project,
        kind=Thread.Kind.PROBLEM,
        title="Lekkage",
        body="Kijk maar",
        author=asker,
        photos=[(png(), "Water op de vloer")],
    )
    photo = thread.photos.get()
    thread.posts.update(hidden_at=timezone.now(), hidden_by=staff, hidden_reason="Privégegevens op de foto")

    client.force_login(neighbour)
    page = client.get(f"/gesprekken/{thread.pk}/", **ENGLISH).content.decode()
    assert "Water op de vloer" not in page
    assert client.get(f"/gesprekken/{thread.pk}/fotos/{photo.pk}/").status_code == 404
    client.force_login(staff)
    assert "Water op de vloer" in client.get(f"/gesprekken/{thread.pk}/", **ENGLISH).content.decode()
    assert client.get(f"/gesprekken/{thread.pk}/fotos/{photo.pk}/").status_code == 200
