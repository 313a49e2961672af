"""Transparent, rule-based warnings: which projects are at risk, and why, in words staff can check.

Each rule looks at one figure of a project (insight.measures.ProjectMeasures) and, when it fires, gives the
reason as a short phrase with the figures in it ("support is 52% with 12 days left"). No weights, no model, no
black box: the page lists every rule with its threshold, and a project's verdict is
- at risk: a serious rule fired, or two or more rules did;
- watch: exactly one rule fired;
- on track: none did.
Projects that ended or were cancelled are not assessed.
"""

from dataclasses import dataclass
from datetime import timedelta
from enum import Enum

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from decisions.tally import THRESHOLD_PERCENT
from projects.models import Phase

# A number in the reader's language (3,0 or 3.0) in a rule's explanation, which is made once, at import.
lazy_number = lazy(number_format, str)

NOT_ASSESSED = {Phase.ENDED, Phase.CANCELLED}
LAST_WEEKS_OF_A_VOTE = 14  # days before closing in which support under 70% is serious
ACTIVATION_MINIMUM = 0.5
ACTIVATION_FROM = {Phase.PROPOSAL, Phase.CONSULTATION, Phase.PREPARATION, Phase.EXECUTION, Phase.EVALUATION}
PARTICIPATION_MINIMUM = 0.25
ANSWER_DAYS = 5  # median days to an official answer
WAITING_DAYS = 14  # the oldest question without an official answer
MISSED_SHARE = 0.10
MISSED_MINIMUM_VISITS = 5
SENTIMENT_FLOOR = 3.0  # average of the 1-5 pulses over the last four weeks
SENTIMENT_DROP = 0.5
SENTIMENT_MINIMUM_ANSWERS = 5


class Severity(Enum):
    WARNING = "warning"
    SERIOUS = "serious"


class Verdict(Enum):
    ON_TRACK = "on_track"
    WATCH = "watch"
    AT_RISK = "at_risk"
    NOT_ASSESSED = "not_assessed"

    @property
    def label(self):
        return {
            Verdict.ON_TRACK: _("on track"),
            Verdict.WATCH: _("watch"),
            Verdict.AT_RISK: _("at risk"),
            Verdict.NOT_ASSESSED: _("not assessed"),
        }[self]


def percent(share):
    """0.523 → "52%": rounded down, as the 70% line itself is."""
    return f"{int(share * 100 + 1e-9)}%"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    explanation: str  # lazy: what the rule checks and its threshold, shown on the page
    check: object  # ProjectMeasures → reason phrase or None

    do_not_call_in_templates = True  # a template reads rule.explanation; it must not call the rule

    def __call__(self, measures):
        return self.check(measures)


def _low_support(m):
    if m.support is None or m.support.reaches_70 or m.days_left is None or m.days_left > LAST_WEEKS_OF_A_VOTE:
        return None
    return ngettext(
        "support is %(share)s with %(days)d day left",
        "support is %(share)s with %(days)d days left",
        m.days_left,
    ) % {"share": percent(m.support.agreement_share), "days": m.days_left}


def _late_commitments(m):
    if not m.late_commitments:
        return None
    return ngettext("%(count)d commitment is late", "%(count)d commitments are late", m.late_commitments) % {
        "count": m.late_commitments
    }


def _low_activation(m):
    if m.project.phase not in ACTIVATION_FROM or not m.households or m.activation_rate >= ACTIVATION_MINIMUM:
        return None
    return gettext("only %(share)s of households activated an account") % {"share": percent(m.activation_rate)}


def _low_participation(m):
    if m.project.phase not in ACTIVATION_FROM or not m.households or m.participation_rate >= PARTICIPATION_MINIMUM:
        return None
    return gettext("only %(share)s of households took part") % {"share": percent(m.participation_rate)}


def _slow_answers(m):
    now = timezone.now()
    if m.oldest_open_question_at is not None and now - m.oldest_open_question_at > timedelta(days=WAITING_DAYS):
        days = (now - m.oldest_open_question_at).days
        return ngettext(
            "a question has waited %(days)d day for an answer",
            "a question has waited %(days)d days for an answer",
            days,
        ) % {"days": days}
    if m.median_answer_time is not None and m.median_answer_time > timedelta(days=ANSWER_DAYS):
        days = number_format(m.median_answer_time.total_seconds() / 86400, 1)
        return gettext("questions take %(days)s days to answer (median)") % {"days": days}
    return None


def _missed_visits(m):
    if m.visits < MISSED_MINIMUM_VISITS or m.missed_rate < MISSED_SHARE:
        return None
    return gettext("%(missed)d of %(visits)d home visits were missed") % {"missed": m.missed_visits, "visits": m.visits}


def _falling_sentiment(m):
    """Over the last four weeks against the four before; needs enough answers in both."""
    recent, before = _four_weeks(m.sentiment, 0), _four_weeks(m.sentiment, 4)
    if recent is None:
        return None
    if recent < SENTIMENT_FLOOR:
        return gettext("tenants rate the project %(score)s out of 5") % {"score": number_format(recent, 1)}
    if before is not None and before - recent >= SENTIMENT_DROP:
        return gettext("the mood fell from %(before)s to %(now)s out of 5") % {
            "before": number_format(before, 1),
            "now": number_format(recent, 1),
        }
    return None


def _four_weeks(weekly, skip):
    """The answer-weighted average of four weeks of pulses, `skip` weeks back from the latest; None if too few."""
    weeks = weekly[::-1][skip : skip + 4]
    answers = sum(count for _week, _average, count in weeks)
    if answers < SENTIMENT_MINIMUM_ANSWERS:
        return None
    return sum(average * count for _week, average, count in weeks) / answers


RULES = (
    Rule(
        "low_support",
        Severity.SERIOUS,
        format_lazy(
            # The % is a literal percent sign, not a %-format directive: str.format fills this one in.
            # xgettext:no-python-format
            _("Support for the proposal being voted on is under {threshold}% in its last {days} days."),
            threshold=THRESHOLD_PERCENT,
            days=LAST_WEEKS_OF_A_VOTE,
        ),
        _low_support,
    ),
    Rule(
        "late_commitments",
        Severity.WARNING,
        _("A commitment made to tenants is open after its due date."),
        _late_commitments,
    ),
    Rule(
        "low_activation",
        Severity.WARNING,
        format_lazy(
            _("From the proposal phase on, fewer than {share} of households activated an account."),
            share=percent(ACTIVATION_MINIMUM),
        ),
        _low_activation,
    ),
    Rule(
        "low_participation",
        Severity.WARNING,
        format_lazy(
            _("From the proposal phase on, fewer than {share} of households posted, voted or answered a pulse."),
            share=percent(PARTICIPATION_MINIMUM),
        ),
        _low_participation,
    ),
    Rule(
        "slow_answers",
        Severity.WARNING,
        format_lazy(
            _(
                "A question or problem has waited more than {waiting} days for an official answer, or the median "
                "time to answer is over {median} days."
            ),
            waiting=WAITING_DAYS,
            median=ANSWER_DAYS,
        ),
        _slow_answers,
    ),
    Rule(
        "missed_visits",
        Severity.WARNING,
        format_lazy(
            _("{share} or more of the home visits were missed (once there were at least {minimum})."),
            share=percent(MISSED_SHARE),
            minimum=MISSED_MINIMUM_VISITS,
        ),
        _missed_visits,
    ),
    Rule(
        "falling_sentiment",
        Severity.WARNING,
        format_lazy(
            _(
                "The pulse average of the last four weeks is under {floor} out of 5, or fell by {drop} or more "
                "against the four weeks before (with at least {answers} answers)."
            ),
            floor=lazy_number(SENTIMENT_FLOOR, 1),
            drop=lazy_number(SENTIMENT_DROP, 1),
            answers=SENTIMENT_MINIMUM_ANSWERS,
        ),
        _falling_sentiment,
    ),
)


@dataclass(frozen=True)
class Assessment:
    measures: object
    verdict: Verdict
    reasons: tuple  # (rule, phrase) for every rule that fired, serious first

    @property
    def sentence(self):
        """ "At risk because support is 52% with 12 days left and 3 commitments are late." or ""."""
        if not self.reasons:
            return ""
        phrases = [phrase for _rule, phrase in self.reasons]
        joined = (
            phrases[0]
            if len(phrases) == 1
            else gettext("%(list)s and %(last)s")
            % {
                "list": ", ".join(phrases[:-1]),
                "last": phrases[-1],
            }
        )
        verdict = str(self.verdict.label).capitalize()
        return gettext("%(verdict)s because %(reasons)s.") % {"verdict": verdict, "reasons": joined}


def assess(measures):
    """The verdict on one project and the reasons, from the RULES in their order (serious ones first)."""
    if measures.project.phase in NOT_ASSESSED:
        return Assessment(measures, Verdict.NOT_ASSESSED, ())
    fired = [(rule, phrase) for rule in RULES if (phrase := rule(measures))]
    fired.sort(key=lambda pair: pair[0].severity != Severity.SERIOUS)
    if any(rule.severity == Severity.SERIOUS for rule, _phrase in fired) or len(fired) >= 2:
        verdict = Verdict.AT_RISK
    elif fired:
        verdict = Verdict.WATCH
    else:
        verdict = Verdict.ON_TRACK
    return Assessment(measures, verdict, tuple(fired))
