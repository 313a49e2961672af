"""The forms of the session pages: registering a household, planning a session, attendance and minutes."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import MAX_PEOPLE, Session

PEOPLE_CHOICES = [(n, str(n)) for n in range(1, MAX_PEOPLE + 1)]


class RegistrationForm(forms.Form):
    """How many people of the household come. `auto_id` is made unique per session, as a page lists several."""

    people = forms.TypedChoiceField(
        label=_("How many people of your household come?"),
        choices=PEOPLE_CHOICES,
        coerce=int,
        initial=1,
        error_messages={"invalid_choice": _("Choose 1 to 4 people.")},
    )

    def __init__(self, *args, session_id=None, **kwargs):
        if session_id is not None:
            kwargs.setdefault("auto_id", f"id_%s_{session_id}")
        super().__init__(*args, **kwargs)


class StaffRegistrationForm(RegistrationForm):
    """Staff register a household that called in; `households` are (id, address) pairs."""

    household = forms.TypedChoiceField(label=_("Household"), coerce=int)

    field_order = ["household", "people"]

    def __init__(self, *args, households=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].label = _("How many people come?")
        self.fields["household"].choices = [("", _("Choose a household")), *households]


class HouseholdChoiceForm(forms.Form):
    """One of `households` ((id, address) pairs), e.g. the registration staff cancel for a household that called."""

    household = forms.TypedChoiceField(label=_("Household"), coerce=int)

    def __init__(self, *args, households=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].choices = [("", _("Choose a household")), *households]


def _at(day, moment):
    return timezone.make_aware(datetime.combine(day, moment))


class SessionForm(forms.Form):
    """What, where, when (one day, from – to) and how many households; `cleaned_data` gets starts_at and ends_at."""

    kind = forms.ChoiceField(label=_("Kind of session"), choices=Session.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What happens at the session"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("For the households. You can use Markdown: **bold**, lists with -."),
    )
    place = forms.CharField(label=_("Place"), max_length=200, help_text=_("For example: model home Marshallaan 4-A."))
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    starts = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    ends = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    capacity = forms.IntegerField(
        label=_("Places (households)"),
        min_value=1,
        max_value=1000,
        help_text=_("A small group in the model home works best with about ten households."),
    )

    @classmethod
    def initial_for(cls, session):
        starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        return {
            "kind": session.kind,
            "title": session.title,
            "description": session.description,
            "place": session.place,
            "day": starts.date(),
            "starts": starts.time(),
            "ends": ends.time(),
            "capacity": session.capacity,
        }

    def clean(self):
        data = super().clean()
        day, starts, ends = data.get("day"), data.get("starts"), data.get("ends")
        if day and starts and ends:
            if ends <= starts:
                self.add_error("ends", _("The session must end after it starts."))
            else:
                data["starts_at"], data["ends_at"] = _at(day, starts), _at(day, ends)
        return data

    def session_fields(self):
        names = ("kind", "title", "description", "place", "starts_at", "ends_at", "capacity")
        return {name: self.cleaned_data[name] for name in names}


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes of the meeting"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text=_("What was asked and answered, and what happens next. You can use Markdown. No names of tenants."),
    )
    publish = forms.BooleanField(label=_("Published: the project's households can read the minutes"), required=False)
