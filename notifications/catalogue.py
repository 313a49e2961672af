"""Which platform events become notifications: for each event its kind, its words, who hears of it, the link.

Every event maps to one `Kind`, so a person's preference for that kind decides channel and rhythm. `urgent`
events (personal and time-bound) go out by e-mail at once under the default preference; `paper` events also
reach households without an account, on paper. Words are msgids with %(name)s parameters: only the parameters
are stored, and the text is rendered in the reader's language (see notifications.rendering). Parameters whose
name ends in `_at` are moments and in `_on` days, both stored as ISO text and formatted for the reader.

Events not listed here are ignored, on purpose: `ballot.cast` (a neighbour's vote is nobody's business),
`slots.planned` (each home hears of its own appointment), `proposal.drafted` (staff only), `advice.received`
(the committee gave it itself), `session.registered`, `poll.closed`, edits, supports and moderation.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_noop

from tenants.models import Household, Membership

from .models import Kind


@dataclass(frozen=True)
class Audience:
    """Who hears of an event: people directly, and households (their members; on paper when they have none)."""

    user_ids: frozenset = field(default_factory=frozenset)
    household_ids: frozenset = field(default_factory=frozenset)


@dataclass(frozen=True)
class Spec:
    kind: str
    audience: Callable  # data -> Audience
    params: Callable  # data -> {name: text}, stored with the notification
    link: Callable  # data -> the path of the thing itself
    message: str
    urgent: bool = False
    paper: bool = False


# --- Audiences -----------------------------------------------------------------------------------------


def project_households(data):
    project = data["project"]
    ids = Household.objects.active().filter(dwelling__complex__projects=project).values_list("pk", flat=True)
    return Audience(household_ids=frozenset(ids))


def place_households(data):
    """A thread's households: its project's, or its complex's."""
    if data.get("project") is not None:
        return project_households(data)
    ids = Household.objects.active().filter(dwelling__complex=data["complex"]).values_list("pk", flat=True)
    return Audience(household_ids=frozenset(ids))


def given_households(data):
    """The households the emitter chose (for example those in scope who have not voted yet)."""
    households = data.get("households") or ()
    return Audience(household_ids=frozenset(getattr(h, "pk", h) for h in households))


def _follow(data, path):
    """`data["a"].b.c` for the path "a.b.c"; None where a step is missing."""
    first, *rest = path.split(".")
    obj = data.get(first)
    for name in rest:
        obj = getattr(obj, name, None)
    return obj


def one_household(path):
    def audience(data):
        household_id = _follow(data, path)
        return Audience(household_ids=frozenset([household_id] if household_id is not None else []))

    return audience


def scope_households(data):
    version = data.get("version") or data["proposal"].current_version
    if version is None:
        return Audience()
    return Audience(household_ids=frozenset(version.scope.values_list("pk", flat=True)))


def users(*paths):
    def audience(data):
        ids = {_follow(data, path) for path in paths}
        return Audience(user_ids=frozenset(ids - {None}))

    return audience


def mentioned(data):
    return Audience(user_ids=frozenset(data.get("user_ids") or ()))


def organisation_members(data):
    organisation = data.get("organisation")
    if organisation is None:
        return Audience()
    ids = Membership.objects.filter(organisation=organisation).values_list("user_id", flat=True)
    return Audience(user_ids=frozenset(ids))


# --- Parameters and links --------------------------------------------------------------------------------


def _project(data):
    project = data.get("project")
    return {"project": project.name} if project is not None else {}


def _title(name, attribute="title"):
    def params(data):
        return {**_project(data), "title": str(getattr(data[name], attribute, "") or data[name])}

    return params


def _iso(value):
    return value.isoformat() if value is not None else ""


def project_link(data):
    return reverse("project_detail", kwargs={"slug": data["project"].slug})


def home_link(data):
    return reverse("my_home_plan", kwargs={"slug": data["project"].slug})


def thread_link(data):
    return reverse("thread_detail", kwargs={"thread_id": data["thread"].pk})


def post_link(data):
    return reverse("post_detail", kwargs={"thread_id": data["thread"].pk, "post_id": data["post"].pk})


def proposal_link(data):
    return reverse("proposal_detail", kwargs={"slug": data["project"].slug, "proposal_id": data["proposal"].pk})


def _link_or_project(data, name, **kwargs):
    """The page of a feature being built alongside; the project page if that feature has no such page (yet)."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return project_link(data)


def session_link(data):
    return _link_or_project(data, "session_detail", slug=data["project"].slug, session_id=data["session"].pk)


def advice_link(data):
    advice = data["advice"]
    return _link_or_project(
        data, "committee_request", organisation_id=getattr(advice, "organisation_id", 0), advice_id=advice.pk
    )


def survey_link(data):
    survey = data.get("survey") or data.get("pulse")
    return _link_or_project(data, "survey_answer", survey_id=survey.pk)


def poll_link(data):
    return _link_or_project(data, "poll_detail", slug=data["project"].slug, poll_id=data["poll"].pk)


def document_params(data):
    return _title("document")(data)


def document_audience(data):
    from projects.models import Visibility

    if data["document"].visibility == Visibility.STAFF:
        return Audience()
    return project_households(data)


def document_link(data):
    return reverse("project_document", kwargs={"slug": data["project"].slug, "document_id": data["document"].pk})


def phase_params(data):
    return {**_project(data), "phase": data["change"].to_phase}


def commitment_params(data):
    commitment = data["commitment"]
    return {**_project(data), "title": commitment.title, "due_on": _iso(commitment.due_on)}


def staff_project_link(data):
    return reverse("staff_project", kwargs={"slug": data["project"].slug})


def choice_params(data):
    home_choice = data["home_choice"]
    return {
        **_project(data),
        "topic": home_choice.topic.title,
        "option": home_choice.option.label if home_choice.option_id else "",
        "deadline_on": _iso(home_choice.topic.deadline),
    }


def appointment_params(data):
    slot = data["appointment"].slot
    return {**_project(data), "purpose": slot.purpose, "when_at": _iso(slot.starts_at)}


def actor_name(user):
    if user is None:
        return ""
    profile = getattr(user, "tenant_profile", None) if hasattr(user, "tenant_profile") else None
    return (profile.display_name if profile else "") or user.first_name.strip() or gettext_noop("someone")


def post_params(data):
    return {"title": data["thread"].title, "author": actor_name(data.get("actor"))}


def thread_params(data):
    place = data.get("project") or data.get("complex")
    return {"title": data["thread"].title, "place": getattr(place, "name", "") or str(place)}


def proposal_params(data):
    proposal = data["proposal"]
    return {**_project(data), "title": proposal.title, "closes_at": _iso(proposal.closes_at)}


def session_params(data):
    session = data["session"]
    starts = getattr(session, "starts_at", None)
    return {**_project(data), "title": str(getattr(session, "title", "") or session), "when_at": _iso(starts)}


# fmt: off
CATALOGUE = {
    "project.started": Spec(
        Kind.PROJECT, project_households, _project, project_link,
        gettext_noop("The project %(project)s has started."),
    ),
    "project.phase_changed": Spec(
        Kind.PROJECT, project_households, phase_params, project_link,
        gettext_noop("The project %(project)s is now in the phase: %(phase)s."),
    ),
    "update.posted": Spec(
        Kind.PROJECT, project_households, _title("update"), project_link,
        gettext_noop("News about %(project)s: %(title)s"),
    ),
    "document.added": Spec(
        Kind.PROJECT, document_audience, document_params, document_link,
        gettext_noop("A new document for %(project)s: %(title)s"),
    ),
    "commitment.recorded": Spec(
        Kind.PROJECT, project_households, commitment_params, project_link,
        gettext_noop("A new promise in %(project)s: %(title)s (before %(due_on)s)."),
    ),
    "commitment.kept": Spec(
        Kind.PROJECT, project_households, commitment_params, project_link,
        gettext_noop("A promise in %(project)s was kept: %(title)s."),
    ),
    "commitment.broken": Spec(
        Kind.PROJECT, project_households, commitment_params, project_link,
        gettext_noop("A promise in %(project)s was not kept: %(title)s."),
    ),
    "commitment.late": Spec(
        Kind.PROJECT, users("commitment.owner_id"), commitment_params, staff_project_link,
        gettext_noop("Your promise in %(project)s is late: %(title)s (due %(due_on)s)."),
    ),
    "choice.made": Spec(
        Kind.CHOICES, one_household("home_choice.home_plan.household_id"), choice_params, home_link,
        gettext_noop("Your choice for %(topic)s is saved: %(option)s."),
    ),
    "choice.deadline_near": Spec(
        Kind.CHOICES, one_household("home_choice.home_plan.household_id"), choice_params, home_link,
        gettext_noop("Please choose %(topic)s for your home before %(deadline_on)s."),
    ),
    "appointment.planned": Spec(
        Kind.APPOINTMENTS, one_household("appointment.home_plan.household_id"), appointment_params, home_link,
        gettext_noop("A visit to your home is planned: %(purpose)s on %(when_at)s."),
        urgent=True, paper=True,
    ),
    "appointment.confirmed": Spec(
        Kind.APPOINTMENTS, one_household("appointment.home_plan.household_id"), appointment_params, home_link,
        gettext_noop("Your appointment is confirmed: %(purpose)s on %(when_at)s."),
    ),
    "appointment.moved": Spec(
        Kind.APPOINTMENTS, one_household("appointment.home_plan.household_id"), appointment_params, home_link,
        gettext_noop("Your appointment has moved: %(purpose)s, now on %(when_at)s."),
        urgent=True, paper=True,
    ),
    "appointment.tomorrow": Spec(
        Kind.APPOINTMENTS, one_household("appointment.home_plan.household_id"), appointment_params, home_link,
        gettext_noop("Reminder: tomorrow a visit to your home, %(purpose)s on %(when_at)s."),
        urgent=True,
    ),
    "appointment.missed": Spec(
        Kind.APPOINTMENTS, one_household("appointment.home_plan.household_id"), appointment_params, home_link,
        gettext_noop("We missed you at the visit of %(when_at)s. We will plan a new one."),
    ),
    "thread.started": Spec(
        Kind.PROJECT, place_households, thread_params, thread_link,
        gettext_noop("A new conversation in %(place)s: %(title)s"),
    ),
    "post.replied": Spec(
        Kind.REPLIES, users("parent.author_id"), post_params, post_link,
        gettext_noop("%(author)s replied to you in: %(title)s"),
    ),
    "post.mentioned": Spec(
        Kind.MENTIONS, mentioned, post_params, post_link,
        gettext_noop("%(author)s mentioned you in: %(title)s"),
    ),
    "thread.answered_officially": Spec(
        Kind.REPLIES, users("thread.author_id"), post_params, post_link,
        gettext_noop("Your question has an official answer: %(title)s"),
    ),
    "proposal.published": Spec(
        Kind.VOTES, scope_households, proposal_params, proposal_link,
        gettext_noop("Vote on the proposal for %(project)s: %(title)s. Voting closes on %(closes_at)s."),
        paper=True,
    ),
    "proposal.closing_soon": Spec(
        Kind.VOTES, given_households, proposal_params, proposal_link,
        gettext_noop("You have not voted yet on %(title)s. Voting closes on %(closes_at)s."),
        urgent=True, paper=True,
    ),
    "proposal.closed": Spec(
        Kind.VOTES, scope_households, proposal_params, proposal_link,
        gettext_noop("Voting on %(title)s has closed. See the result."),
    ),
    "proposal.notice_sent": Spec(
        Kind.VOTES, one_household("household.pk"), proposal_params, proposal_link,
        gettext_noop("The written notice about the proposal %(title)s has been sent to you."),
        paper=True,
    ),
    "pulse.sent": Spec(
        Kind.VOTES, given_households, _title("pulse"), survey_link,
        gettext_noop("A short question about %(project)s: %(title)s"),
    ),
    "survey.opened": Spec(
        Kind.VOTES, given_households, _title("survey"), survey_link,
        gettext_noop("Please fill in the survey: %(title)s"),
    ),
    "poll.opened": Spec(
        Kind.VOTES, project_households, _title("poll", "question"), poll_link,
        gettext_noop("A new poll for %(project)s: %(title)s"),
    ),
    "session.planned": Spec(
        Kind.PROJECT, project_households, session_params, session_link,
        gettext_noop("A meeting for %(project)s: %(title)s on %(when_at)s."),
    ),
    "session.changed": Spec(
        Kind.PROJECT, given_households, session_params, session_link,
        gettext_noop("A meeting has changed: %(title)s, now on %(when_at)s."),
    ),
    "session.cancelled": Spec(
        Kind.PROJECT, given_households, session_params, session_link,
        gettext_noop("A meeting is cancelled: %(title)s on %(when_at)s."),
    ),
    "session.reminder": Spec(
        Kind.PROJECT, given_households, session_params, session_link,
        gettext_noop("Reminder: the meeting %(title)s on %(when_at)s."),
    ),
    "advice.requested": Spec(
        Kind.PROJECT, organisation_members, _title("advice", "subject"), advice_link,
        gettext_noop("Your advice is asked on %(project)s: %(title)s"),
    ),
    "advice.responded": Spec(
        Kind.PROJECT, organisation_members, _title("advice", "subject"), advice_link,
        gettext_noop("The corporation responded to your advice on %(project)s: %(title)s"),
    ),
}
# fmt: on
