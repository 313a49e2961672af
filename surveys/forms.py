"""The answering form of a household, and staff's forms to send a pulse, make a survey and add a question."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Question, Survey
from .services import OPEN_TEXT_LIMIT, Reply

DONT_KNOW = "dont_know"


def scale_choices(question):
    """1 to 5, with the words at the ends ("1 – very bad" … "5 – very good")."""
    low = question.low_label or _("very dissatisfied")
    high = question.high_label or _("very satisfied")
    return [("1", f"1 – {low}"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", f"5 – {high}")]


class ResponseForm(forms.Form):
    """One field per question (`q<id>`), "don't know" always offered, and for a pulse a comment. `answers` are the
    household's earlier answers (question id → Answer) to start from."""

    def __init__(self, *args, survey, questions, answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.survey = survey
        answers = answers or {}
        for question in questions:
            self.fields[self._name(question)] = self._field(question)
            if question.pk in answers:
                self.initial[self._name(question)] = self._initial(question, answers[question.pk])
        if survey.is_pulse and questions:
            self.fields["comment"] = forms.CharField(
                label=_("Comment (optional)"),
                required=False,
                max_length=OPEN_TEXT_LIMIT,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_(
                    "Do not write names or addresses: the corporation reads comments without knowing who wrote them."
                ),
            )
            if questions[0].pk in answers:
                self.initial["comment"] = answers[questions[0].pk].comment

    @staticmethod
    def _name(question):
        return f"q{question.pk}"

    def _field(self, question):
        dont_know = (DONT_KNOW, _("Don't know"))
        options = [(str(option.pk), option.label) for option in question.options.all()]
        if question.kind == Question.Kind.OPEN:
            return forms.CharField(
                label=question.text,
                required=False,
                max_length=OPEN_TEXT_LIMIT,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("Optional. Do not write names or addresses."),
            )
        required = {"required": _('Choose an answer, or "don\'t know".')}
        if question.kind == Question.Kind.MULTIPLE:
            return forms.MultipleChoiceField(
                label=question.text,
                choices=[*options, dont_know],
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Tick everything that applies."),
                error_messages=required,
            )
        choices = scale_choices(question) if question.kind == Question.Kind.SCALE else options
        return forms.ChoiceField(
            label=question.text, choices=[*choices, dont_know], widget=forms.RadioSelect, error_messages=required
        )

    @staticmethod
    def _initial(question, answer):
        if question.kind == Question.Kind.OPEN:
            return answer.text
        if question.kind == Question.Kind.MULTIPLE:
            return [DONT_KNOW] if answer.dont_know else [str(option.pk) for option in answer.options.all()]
        if answer.dont_know:
            return DONT_KNOW
        if question.kind == Question.Kind.SCALE:
            return str(answer.score)
        return next((str(option.pk) for option in answer.options.all()), None)

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            value = cleaned.get(self._name(question))
            if question.kind == Question.Kind.MULTIPLE and value and DONT_KNOW in value and len(value) > 1:
                self.add_error(self._name(question), _('Choose an answer or "don\'t know", not both.'))
        return cleaned

    def replies(self):
        """question id → Reply, for surveys.services.submit_response."""
        replies = {}
        for question in self.questions:
            value = self.cleaned_data.get(self._name(question))
            comment = self.cleaned_data.get("comment", "") if self.survey.is_pulse else ""
            if question.kind == Question.Kind.OPEN:
                replies[question.pk] = Reply(text=value or "")
            elif question.kind == Question.Kind.MULTIPLE:
                dont_know = DONT_KNOW in (value or [])
                chosen = () if dont_know else tuple(int(pk) for pk in value or [])
                replies[question.pk] = Reply(options=chosen, dont_know=dont_know)
            elif value == DONT_KNOW:
                replies[question.pk] = Reply(dont_know=True, comment=comment)
            elif question.kind == Question.Kind.SCALE:
                replies[question.pk] = Reply(score=int(value) if value else None, comment=comment)
            else:
                replies[question.pk] = Reply(options=(int(value),) if value else (), comment=comment)
        return replies

    def add_problems(self, problems):
        """Show the service's per-question problems at their questions."""
        for question in self.questions:
            if question.pk in problems:
                self.add_error(self._name(question), problems[question.pk])


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


class QuestionForm(forms.Form):
    """A question of a survey, or the one question of a pulse (`pulse=True`: scale or single choice only)."""

    text = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=Question.Kind.choices, widget=forms.RadioSelect)
    options = forms.CharField(
        label=_("Answers to choose from"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_('Only for a choice question: one answer per line. "Don\'t know" is always added.'),
    )
    low_label = forms.CharField(
        label=_("Word at 1 (scale)"), required=False, max_length=60, help_text=_("For example: very dissatisfied.")
    )
    high_label = forms.CharField(
        label=_("Word at 5 (scale)"), required=False, max_length=60, help_text=_("For example: very satisfied.")
    )

    def __init__(self, *args, pulse=False, **kwargs):
        super().__init__(*args, **kwargs)
        if pulse:
            self.fields["kind"].choices = [
                (Question.Kind.SCALE, Question.Kind.SCALE.label),
                (Question.Kind.SINGLE, Question.Kind.SINGLE.label),
            ]
        self.fields["kind"].initial = Question.Kind.SCALE

    def clean_options(self):
        return _lines(self.cleaned_data["options"])


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class SurveyForm(forms.Form):
    """A new survey: what it is called, who it is for and until when. `complexes` are the project's (id, label)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why you ask, what you do with the answers, and how long it takes."),
    )
    target = forms.ChoiceField(label=_("Who is it for?"), choices=Survey.Target.choices, widget=forms.RadioSelect)
    complexes = forms.TypedMultipleChoiceField(
        label=_("Complexes"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only when the survey is for some complexes."),
    )
    deadline = forms.DateTimeField(
        label=_("Deadline"),
        widget=DateTimeInput,
        help_text=_("Households can answer and change their answers until this moment."),
        error_messages={"required": _("Fill in the deadline."), "invalid": _("Enter a valid date and time.")},
    )
    share_results = forms.BooleanField(
        label=_("Show the results to the households that were asked (from five responses on)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, complexes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["complexes"].choices = list(complexes)
        self.fields["target"].initial = Survey.Target.PROJECT

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target") == Survey.Target.COMPLEXES and not cleaned.get("complexes"):
            self.add_error("complexes", _("Choose at least one complex."))
        return cleaned
