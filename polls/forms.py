"""The two forms of polls: a tenant's vote, and the poll staff make or change."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Poll


class VoteForm(forms.Form):
    """One field, `options`: radio buttons for a single-choice poll, checkboxes for a multiple-choice one. Its legend
    is the question; the chosen answers' ids are in `chosen()`."""

    def __init__(self, *args, poll, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(option.pk, option.label) for option in poll.options.all()]
        messages = {"required": _("Please choose an answer.")}
        if poll.is_multiple:
            if poll.max_choices:
                help_text = ngettext(
                    "Choose at most %(max)s answer.", "Choose at most %(max)s answers.", poll.max_choices
                ) % {"max": poll.max_choices}
            else:
                help_text = _("Choose as many answers as you like.")
            field = forms.TypedMultipleChoiceField(
                coerce=int, widget=forms.CheckboxSelectMultiple, error_messages=messages, help_text=help_text
            )
        else:
            field = forms.TypedChoiceField(
                coerce=int, widget=forms.RadioSelect, error_messages=messages, help_text=_("Choose one answer.")
            )
        field.label = poll.question
        field.choices = choices
        self.fields["options"] = field

    def chosen(self):
        value = self.cleaned_data["options"]
        return value if isinstance(value, list) else [value]


class PollForm(forms.Form):
    question = forms.CharField(label=_("Question"), max_length=200)
    explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. You can use Markdown: **bold**, lists, links."),
    )
    options = forms.CharField(
        label=_("Answers"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One answer per line, in the order people see them. At least 2, at most 20."),
    )
    kind = forms.ChoiceField(
        label=_("How many answers may someone choose?"),
        choices=Poll.Kind.choices,
        initial=Poll.Kind.SINGLE,
        widget=forms.RadioSelect,
    )
    max_choices = forms.IntegerField(
        label=_("At most this many answers"),
        required=False,
        min_value=1,
        help_text=_("Only for several answers. Leave empty for no limit."),
    )
    voters = forms.ChoiceField(
        label=_("Who votes?"), choices=Poll.Voters.choices, initial=Poll.Voters.HOUSEHOLD, widget=forms.RadioSelect
    )
    results_visibility = forms.ChoiceField(
        label=_("When are the results shown to households?"),
        choices=Poll.Visibility.choices,
        initial=Poll.Visibility.LIVE,
        widget=forms.RadioSelect,
        help_text=_("Staff always see the results. Nobody ever sees who voted what."),
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Optional. Leave empty to close the poll yourself."),
    )

    @classmethod
    def for_poll(cls, poll):
        initial = {name: getattr(poll, name) for name in ("question", "explanation", "kind", "max_choices")}
        initial |= {"voters": poll.voters, "results_visibility": poll.results_visibility, "closes_at": poll.closes_at}
        initial["options"] = "\n".join(option.label for option in poll.options.all())
        return cls(initial=initial)

    def poll_fields(self):
        """The cleaned data as keyword arguments of polls.services.create_poll and update_poll."""
        data = dict(self.cleaned_data)
        data["options"] = data["options"].splitlines()
        return data


class PaperVoteForm(VoteForm):
    """A household's vote given on paper or at the door, entered by staff. `households` are (id, address) pairs."""

    household = forms.TypedChoiceField(label=_("Household"), coerce=int)
    field_order = ["household", "options"]

    def __init__(self, *args, households=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].choices = [("", _("Choose a household")), *households]
        self.order_fields(self.field_order)
