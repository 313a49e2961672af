"""Whatever people type or a file holds, the platform answers with a clear message or does what was asked: never a
server error, never half a change. Hypothesis makes the input (NUL bytes and other control characters, very long
text, any script, negative and huge numbers, dates in year 1 or 9999, wrong choices) for the forms and services
that take user input: housing-stock import rows, discussion posts and replies, votes on a proposal and in polls,
visit slots a contractor plans, a household's needs, and answers to surveys and pulse questions.

Each input either succeeds, or fails with a message on the page (a form error) or in the import report, and then
the rows it could have written are counted unchanged. Run with `--hypothesis-show-statistics` to see how many
inputs each test tried.
"""

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from decisions import services as decisions
from decisions.models import Ballot, BallotChange
from feedback import services as feedback
from feedback.models import Post, Thread
from polls import services as polls
from polls.models import PollVote
from projects.models import Appointment, VisitSlot
from surveys import services as surveys
from surveys.models import Answer, Question, Response
from surveys.services import PulseQuestion
from tenants.housing_import import import_housing_stock
from tenants.models import Complex, Dwelling, Household, HouseholdNeeds
from tests.decisions.conftest import COMPLETE, make_proposal
from tests.factories import CorporationFactory, contractor_member, project_in_execution, staff_member, tenant

pytestmark = pytest.mark.django_db

SOME = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MANY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CHARACTERS = st.characters(blacklist_categories=("Cs",))  # anything a browser can send, NUL and controls included
SHORT_TEXT = st.text(CHARACTERS, max_size=40)
LONG_TEXT = st.builds(lambda char, times: char * times, CHARACTERS, st.integers(200, 20_000))
# The classics, so that every run meets them and not only a lucky one.
NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "Kanaal\x00straat",
        "\x1b[31m",
        "a\u202eb",
        "\ufeffA",
        "<script>alert(1)</script>",
        "١٢٣",
        "🏠" * 99,
    ],
)
TEXT = st.one_of(NASTY, SHORT_TEXT, LONG_TEXT)
NUMBER = st.one_of(st.integers(-(10**12), 10**12).map(str), st.sampled_from(["0", "-1", "1e9", "NaN", "", "٣"]), TEXT)
DAY = st.one_of(st.dates().map(date.isoformat), st.sampled_from(["0000-00-00", "2026-02-30", "morgen"]), SHORT_TEXT)
ERROR_MARKS = ('class="form-errors"', 'class="field-errors"', 'class="message message-error"')


TRIED = {"inputs": 0}


@pytest.fixture(scope="module", autouse=True)
def _report_inputs_tried(request):
    """Prints how many inputs the sweep tried (the README quotes it)."""
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"bad-input sweep: {TRIED['inputs']} inputs tried")


def counts(*models):
    return tuple(model.objects.count() for model in models)


def post_form(client, url, data, *models):
    """POST `data`; a refusal must show its reason on the page and leave the rows of `models` as they were."""
    TRIED["inputs"] += 1
    before = counts(*models)
    response = client.post(url, data, follow=False)
    assert response.status_code < 500
    if response.status_code == 302:
        return response
    assert response.status_code in (200, 400), response.status_code
    assert any(mark in response.content.decode() for mark in ERROR_MARKS), "refused without saying why"
    assert counts(*models) == before, "half saved"
    return response


@pytest.fixture
def world(settings):
    """A project in execution with a tenant, an assigned contractor and staff; no throttling in this sweep."""
    settings.REQUIRE_STAFF_2FA = False
    settings.POSTING_RATE = "100000/1m"
    settings.VOTING_RATE = "100000/1m"
    project = project_in_execution(homes=3)
    contractor = contractor_member(project.corporation)
    project.contractors.add(contractor.memberships.get().organisation)
    household = project.home_plans.order_by("pk").first().household
    return {
        "project": project,
        "household": household,
        "tenant": tenant(household),
        "contractor": contractor,
        "staff": staff_member(project.corporation),
    }


# --- Housing-stock import rows --------------------------------------------------------------------------------

HEADER = ["complexcode", "straat", "huisnummer", "toevoeging", "postcode", "plaats", "huurcontract"]
GOOD_ROW = st.tuples(
    st.sampled_from(["UTR-001", "UTR-002"]),
    st.sampled_from(["Kanaalstraat", "Vleutenseweg"]),
    st.integers(1, 200).map(str),
    st.sampled_from(["", "A", "bis"]),
    st.sampled_from(["3531 CD", "3511AB"]),
    st.just("Utrecht"),
    st.text("0123456789", min_size=1, max_size=8),
)
# A good row with one cell made bad (so the bad value reaches the checks and, if they let it, the database),
# or a row of anything at all.
ONE_BAD_CELL = st.builds(
    lambda row, column, value: row[:column] + (value,) + row[column + 1 :], GOOD_ROW, st.integers(0, 6), TEXT
)
ROW = st.one_of(GOOD_ROW, ONE_BAD_CELL, ONE_BAD_CELL, st.tuples(*[TEXT] * 7))


def as_csv(rows, delimiter):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def test_any_import_file_is_imported_whole_or_refused_with_reasons(db):
    corporation = CorporationFactory()

    @MANY
    @given(rows=st.lists(ROW, min_size=1, max_size=5), delimiter=st.sampled_from([";", ","]), as_bytes=st.booleans())
    # the bug this sweep found: a NUL byte in a text cell reached PostgreSQL, which cannot store it (a 500)
    @example(rows=[("UTR-1", "Kanaal\x00straat", "3", "", "3531 CD", "Utrecht", "1")], delimiter=";", as_bytes=False)
    def import_once(rows, delimiter, as_bytes):
        TRIED["inputs"] += 1
        text = as_csv(rows, delimiter)
        before = counts(Complex, Dwelling, Household)
        report = import_housing_stock(corporation, text.encode("utf-8") if as_bytes else text)
        if not report.ok:
            assert all(str(error).strip() for error in report.errors)
            assert counts(Complex, Dwelling, Household) == before

    import_once()


# --- Discussions ----------------------------------------------------------------------------------------------


def test_any_new_thread_is_posted_or_refused_with_a_reason(client, world):
    client.force_login(world["tenant"])
    url = f"/projecten/{world['project'].slug}/gesprekken/nieuw/"

    @SOME
    @given(kind=st.one_of(st.sampled_from(["question", "idea", "experience"]), TEXT), title=TEXT, body=TEXT)
    def start(kind, title, body):
        post_form(client, url, {"kind": kind, "title": title, "body": body}, Thread, Post)

    start()


def test_any_reply_is_posted_or_refused_with_a_reason(client, world):
    thread = feedback.start_thread(
        project=world["project"], kind=Thread.Kind.QUESTION, title="Steigers", body="Wanneer?", author=world["staff"]
    )
    client.force_login(world["tenant"])
    url = f"/gesprekken/{thread.pk}/bericht/{thread.posts.get().pk}/reageren/"

    @SOME
    @given(body=TEXT)
    def reply(body):
        post_form(client, url, {"body": body}, Post)

    reply()


# --- Votes ----------------------------------------------------------------------------------------------------


def test_any_vote_on_a_proposal_is_counted_or_refused_with_a_reason(client, world):
    proposal, version = make_proposal(world["project"], world["staff"], **COMPLETE)
    decisions.publish_version(proposal, version, by=world["staff"])
    client.force_login(world["tenant"])
    url = f"/projecten/{world['project'].slug}/voorstellen/{proposal.pk}/stemmen/"

    @SOME
    @given(choice=st.one_of(st.sampled_from(["agree", "disagree"]), TEXT))
    def vote(choice):
        post_form(client, url, {"choice": choice}, Ballot, BallotChange)
        assert set(Ballot.objects.values_list("choice", flat=True)) <= {"agree", "disagree"}

    vote()


def test_any_poll_answer_is_counted_or_refused_with_a_reason(client, world):
    staff = world["staff"]
    poll = polls.create_poll(
        world["project"], question="Welke kleur?", options=["Groen", "Rood"], by=staff, kind="multiple"
    )
    poll = polls.open_poll(poll, by=staff)
    valid = list(poll.options.values_list("pk", flat=True))
    client.force_login(world["tenant"])
    url = f"/projecten/{world['project'].slug}/peilingen/{poll.pk}/stemmen/"

    @SOME
    @given(options=st.lists(st.one_of(st.sampled_from(valid).map(str), NUMBER), max_size=4))
    def vote(options):
        post_form(client, url, {"options": options}, PollVote)
        for chosen in PollVote.objects.filter(poll=poll):
            assert set(chosen.options.values_list("pk", flat=True)) <= set(valid)

    vote()


# --- Visits and a household's needs ---------------------------------------------------------------------------


def test_any_slot_plan_is_made_or_refused_with_a_reason(client, world):
    client.force_login(world["contractor"])
    url = f"/projecten/{world['project'].slug}/aannemer/plannen/"
    soon = date.today() + timedelta(days=7)

    @SOME
    @given(
        first_day=st.one_of(st.just(soon.isoformat()), DAY),
        last_day=st.one_of(st.just((soon + timedelta(days=4)).isoformat()), DAY),
        weekdays=st.lists(st.one_of(st.sampled_from(["0", "1", "2", "3", "4"]), NUMBER), max_size=3),
        teams=st.one_of(st.just("Team A"), TEXT),
        day_starts=st.one_of(st.just("08:00"), SHORT_TEXT),
        visit_minutes=st.one_of(st.just("60"), NUMBER),
        visits_per_day=st.one_of(st.just("2"), NUMBER),
        purpose=st.one_of(st.just("Inspectie"), TEXT),
    )
    def plan(**data):
        post_form(client, url, {**data, "propose": ""}, VisitSlot, Appointment)

    plan()


def test_any_household_needs_are_saved_or_refused_with_a_reason(client, world):
    client.force_login(world["tenant"])

    @SOME
    @given(
        mobility=TEXT,
        pets=TEXT,
        preferred_language=TEXT,
        visit_notes=TEXT,
        medical=TEXT,
        flags=st.lists(st.sampled_from(["needs_helper_present", "works_from_home"]), max_size=2),
    )
    def save(flags, **texts):
        stored = HouseholdNeeds.objects.filter(household=world["household"])
        before = list(stored.values())
        response = post_form(client, "/mijn-renovatie/behoeften/", {**texts, **dict.fromkeys(flags, "on")})
        if response.status_code != 302:
            assert list(stored.values()) == before, "half saved"

    save()


# --- Surveys and pulse questions ------------------------------------------------------------------------------


def test_any_answer_to_a_survey_or_pulse_is_saved_or_refused_with_a_reason(client, world):
    staff = world["staff"]
    survey = surveys.create_survey(
        world["project"].corporation,
        project=world["project"],
        title="Wonen",
        by=staff,
        deadline=timezone.now() + timedelta(days=14),
    )
    surveys.add_question(survey, text="Hoe komt u thuis?", kind=Question.Kind.SINGLE, options=["Fiets", "Bus"])
    surveys.add_question(survey, text="Wat mist u?", kind=Question.Kind.MULTIPLE, options=["Groen", "Bankjes"])
    surveys.add_question(survey, text="Hoe tevreden bent u?", kind=Question.Kind.SCALE)
    surveys.add_question(survey, text="Nog iets?", kind=Question.Kind.OPEN)
    survey = surveys.open_survey(survey, by=staff)
    pulse = surveys.send_pulse(
        world["project"], PulseQuestion(text="Hoe gaat het?", low_label="slecht", high_label="goed")
    )
    client.force_login(world["tenant"])
    fields = {target.pk: [f"q{question.pk}" for question in target.questions.all()] for target in (survey, pulse)}

    @SOME
    @given(
        target=st.sampled_from([survey.pk, pulse.pk]),
        values=st.lists(st.lists(st.one_of(NUMBER, st.sampled_from(["1", "5", "dont_know", "0"])), max_size=3)),
        comment=TEXT,
    )
    def answer(target, values, comment):
        data = {name: value for name, value in zip(fields[target], values, strict=False)}
        post_form(client, f"/enquetes/{target}/", {**data, "comment": comment}, Response, Answer)

    answer()
