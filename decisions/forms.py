"""The two ways a vote comes in: a household member online, and staff entering a paper or doorstep vote."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Choice


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
