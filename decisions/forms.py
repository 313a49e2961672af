"""The two ways a vote comes in: a household member online, and staff entering a paper or doorstep vote."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Choice, Notice
from .tally import MINIMUM_HOMES


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your household's vote"),
        choices=[
            (Choice.AGREE, _("I agree with this proposal")),
            (Choice.DISAGREE, _("I do not agree with this proposal")),
        ],
        widget=forms.RadioSelect,
        help_text=_("You can change your vote until voting closes. Only your latest vote counts."),
        error_messages={"required": _("Please choose agree or disagree.")},
    )


class PaperVoteForm(forms.Form):
    """`households` are the households in scope, as (id, address) pairs."""

    household = forms.TypedChoiceField(label=_("Household"), coerce=int)
    choice = forms.ChoiceField(
        label=_("Vote on paper or at the door"),
        choices=Choice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose agree or disagree.")},
    )

    def __init__(self, *args, households=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].choices = [("", _("Choose a household")), *households]


class PublishForm(forms.Form):
    """Publishing a draft version: which of the project's complexes it is for. `complexes` are (id, label) pairs;
    `homes_in(ids)` counts the households in scope of those complexes."""

    complexes = forms.TypedMultipleChoiceField(
        label=_("Which complexes vote on this version?"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Normally every complex of the project. Leave a complex out only if the proposal is not for it."),
        error_messages={"required": _("Choose at least one complex.")},
    )
    small_scope_understood = forms.BooleanField(
        label=_("I understand that the 70 percent rule of the law does not apply to fewer than ten homes."),
        required=False,
    )

    def __init__(self, *args, complexes=(), homes_in=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["complexes"].choices = list(complexes)
        self.fields["complexes"].initial = [pk for pk, _label in complexes]
        self.homes_in = homes_in

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("complexes")
        if chosen and self.homes_in(chosen) < MINIMUM_HOMES and not cleaned.get("small_scope_understood"):
            self.add_error(
                "small_scope_understood",
                _(
                    "Fewer than ten homes are in this choice. Then the law does not presume the proposal reasonable "
                    "when 70% agree. Tick the box if you want to publish anyway."
                ),
            )
        return cleaned


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class NoticeSentForm(forms.Form):
    """Staff record that the written notice went out. `households` are the (id, address) pairs not yet sent."""

    households = forms.TypedMultipleChoiceField(
        label=_("Homes that got the notice"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one household.")},
    )
    sent_on = forms.DateField(
        label=_("Date the notice was sent"),
        widget=DateInput,
        help_text=_("The eight weeks to go to court count from this date."),
        error_messages={"required": _("Fill in the date the notice was sent."), "invalid": _("Enter a valid date.")},
    )
    method = forms.ChoiceField(
        label=_("How was it sent?"),
        choices=Notice.Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the notice was sent.")},
    )

    def __init__(self, *args, households=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["households"].choices = list(households)


class LetterDateForm(forms.Form):
    """The date printed on letters not yet sent (today when left empty)."""

    datum = forms.DateField(label=_("Date on the letters"), required=False, widget=DateInput)
