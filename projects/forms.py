"""Forms for project pages. Each audience keeps its forms in its own section below."""

import re
from datetime import datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tenants.models import HouseholdNeeds

from .appointments import MAX_SLOTS_AT_ONCE, SlotPlan, slot_count
from .models import PHASE_ORDER, Appointment, Commitment, Phase, Visibility, VisitSlot
from .uploads import check_image

# ---------------------------------------------------------------------------------------------------------------
# Tenant pages: choices for the home, another visit time, the household's needs
# ---------------------------------------------------------------------------------------------------------------


def _option_label(option):
    """'White tiles (+ € 150,00)': the extra cost in the viewer's number format, or that there is none."""
    if option.extra_cost:
        cost = gettext("+ € %(amount)s") % {"amount": number_format(option.extra_cost, 2, force_grouping=True)}
    else:
        cost = gettext("no extra cost")
    label = f"{option.label} ({cost})"
    return f"{label} – {option.description}" if option.description else label


class HomeChoiceForm(forms.Form):
    """One choice for one home: its options as radio buttons. Built from prefetched options, so no queries."""

    option = forms.TypedChoiceField(widget=forms.RadioSelect, coerce=int)

    def __init__(self, home_choice, *args, **kwargs):
        kwargs.setdefault("prefix", f"choice-{home_choice.pk}")
        if home_choice.option_id:
            kwargs.setdefault("initial", {"option": home_choice.option_id})
        super().__init__(*args, **kwargs)
        self.home_choice = home_choice
        topic = home_choice.topic
        self.options = {option.pk: option for option in topic.options.all()}
        field = self.fields["option"]
        field.label = topic.title
        field.choices = [(pk, _option_label(option)) for pk, option in self.options.items()]
        deadline = gettext("Choose before %(date)s.") % {"date": date_format(topic.deadline, "j F Y")}
        field.help_text = f"{topic.description} {deadline}".strip() if topic.description else deadline
        field.error_messages["required"] = gettext("Please pick one of the options.")

    def clean_option(self):
        return self.options[self.cleaned_data["option"]]


class PickSlotForm(forms.Form):
    """Another time for a visit: any slot of the same project and purpose; whether it is still free is for
    projects.appointments.move to say (two tenants may click the same time at once)."""

    slot = forms.ModelChoiceField(
        queryset=VisitSlot.objects.none(),
        error_messages={"invalid_choice": _("Please pick one of the free times shown.")},
    )

    def __init__(self, appointment, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = VisitSlot.objects.filter(
            project_id=appointment.slot.project_id, purpose=appointment.slot.purpose
        )


class HouseholdNeedsForm(forms.ModelForm):
    class Meta:
        model = HouseholdNeeds
        fields = [
            "mobility",
            "pets",
            "needs_helper_present",
            "preferred_language",
            "visit_notes",
            "works_from_home",
            "medical",
        ]
        help_texts = {
            "mobility": _("For example: wheelchair, cannot climb stairs. The contractor sees this."),
            "pets": _("So the visitor knows, for example: a dog that must be shut in. The contractor sees this."),
            "needs_helper_present": _("The contractor sees this."),
            "preferred_language": _("The contractor sees this, so they can bring someone who speaks it."),
            "visit_notes": _("The contractor sees this."),
            "works_from_home": _("Only corporation staff see this; it helps them plan around you."),
            "medical": _("Only corporation staff see this, never the contractor."),
        }
        widgets = {"medical": forms.Textarea(attrs={"rows": 3})}


# ---------------------------------------------------------------------------------------------------------------
# Contractor pages: planning visit slots, proposing times, posting an update, recording a visit
# ---------------------------------------------------------------------------------------------------------------

MAX_TEAM_NAME = VisitSlot._meta.get_field("team").max_length
WORKING_DAY_MINUTES = 14 * 60
PHOTOS_PER_UPDATE = 3


class SlotBatchForm(forms.Form):
    """Teams visiting on some weekdays between two dates, N visits a day each; optionally proposed at once."""

    first_day = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    last_day = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Visit on these days"),
        choices=list(WEEKDAYS.items()),
        coerce=int,
        initial=[0, 1, 2, 3, 4],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one day of the week.")},
    )
    teams = forms.CharField(
        label=_("Teams"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One name per line, or separated by commas. For example: Team A, Team B."),
        error_messages={"required": _("Give at least one team.")},
    )
    day_starts = forms.TimeField(
        label=_("First visit of the day starts at"),
        initial="08:00",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    visit_minutes = forms.IntegerField(
        label=_("Length of one visit, in minutes"), min_value=15, max_value=WORKING_DAY_MINUTES, initial=60
    )
    visits_per_day = forms.IntegerField(label=_("Visits per day for each team"), min_value=1, max_value=56, initial=4)
    purpose = forms.CharField(
        label=_("Purpose of the visit"),
        max_length=VisitSlot._meta.get_field("purpose").max_length,
        help_text=_("For example: inspection, kitchen, windows. Each home gets one time per purpose."),
    )
    propose = forms.BooleanField(
        label=_("Propose a time to every home that has none for this purpose yet"), required=False, initial=True
    )

    def clean_teams(self):
        names = [name.strip() for name in re.split(r"[,\n]", self.cleaned_data["teams"])]
        teams = tuple(dict.fromkeys(name for name in names if name))
        if not teams:
            raise ValidationError(_("Give at least one team."))
        if any(len(name) > MAX_TEAM_NAME for name in teams):
            raise ValidationError(_("A team name may be at most %(max)s characters.") % {"max": MAX_TEAM_NAME})
        return teams

    def clean_first_day(self):
        first_day = self.cleaned_data["first_day"]
        if first_day < timezone.localdate():
            raise ValidationError(_("The first day must not be in the past."))
        return first_day

    def clean(self):
        data = super().clean()
        first_day, last_day = data.get("first_day"), data.get("last_day")
        if first_day and last_day and last_day < first_day:
            self.add_error("last_day", _("The last day must not be before the first day."))
        self._check_day_length(data)
        if not self.errors:
            self._check_size(self.plan())
        return data

    def _check_day_length(self, data):
        visits, minutes, starts = data.get("visits_per_day"), data.get("visit_minutes"), data.get("day_starts")
        if not (visits and minutes and starts):
            return
        if visits * minutes > WORKING_DAY_MINUTES:
            self.add_error(
                "visits_per_day",
                _("%(visits)s visits of %(minutes)s minutes do not fit in one working day (at most 14 hours).")
                % {"visits": visits, "minutes": minutes},
            )
        elif datetime.combine(datetime.min, starts) + timedelta(minutes=visits * minutes) > datetime.combine(
            datetime.min + timedelta(days=1), datetime.min.time()
        ):
            self.add_error("day_starts", _("Starting at this time, the last visit would end after midnight."))

    def _check_size(self, plan):
        count = slot_count(plan)
        if count == 0:
            self.add_error("weekdays", _("None of the chosen days of the week falls between the first and last day."))
        elif count > MAX_SLOTS_AT_ONCE:
            self.add_error(
                None,
                _(
                    "This would make %(count)s slots at once; the most is %(max)s. "
                    "Plan a shorter period, fewer teams or fewer visits a day."
                )
                % {
                    "count": number_format(count, force_grouping=True),
                    "max": number_format(MAX_SLOTS_AT_ONCE, force_grouping=True),
                },
            )

    def plan(self):
        data = self.cleaned_data
        return SlotPlan(
            first_day=data["first_day"],
            last_day=data["last_day"],
            teams=data["teams"],
            day_starts=data["day_starts"],
            visit_minutes=data["visit_minutes"],
            visits_per_day=data["visits_per_day"],
            purpose=data["purpose"].strip(),
            weekdays=tuple(sorted(data["weekdays"])),
        )


class ProposeTimesForm(forms.Form):
    """Which purpose to propose free times for; the choices are the purposes the project has slots for."""

    purpose = forms.ChoiceField(label=_("Purpose of the visit"))

    def __init__(self, *args, purposes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = [(purpose, purpose) for purpose in purposes]


class ContractorUpdateForm(forms.Form):
    """News for the project's households, with up to three photos, each described for people who cannot see it."""

    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, PHOTOS_PER_UPDATE + 1):
            self.fields[f"photo_{n}"] = forms.FileField(
                label=_("Photo %(n)s (optional)") % {"n": n},
                required=False,
                widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
                help_text=_("JPEG, PNG or WebP, at most 10 MB.") if n == 1 else "",
            )
            self.fields[f"description_{n}"] = forms.CharField(
                label=_("What photo %(n)s shows") % {"n": n},
                max_length=200,
                required=False,
                help_text=_("For people who cannot see the photo.") if n == 1 else "",
            )

    def clean(self):
        data = super().clean()
        for n in range(1, PHOTOS_PER_UPDATE + 1):
            upload, description = data.get(f"photo_{n}"), (data.get(f"description_{n}") or "").strip()
            if upload:
                try:
                    check_image(upload)
                except ValidationError as error:
                    self.add_error(f"photo_{n}", error)
                    continue
                if not description:
                    self.add_error(f"description_{n}", _("Describe this photo for people who cannot see it."))
            elif description and f"photo_{n}" not in self.errors:
                self.add_error(f"photo_{n}", _("Choose the photo this description belongs to."))
        return data

    def photos(self):
        """(upload, description) pairs for the service."""
        data = self.cleaned_data
        return [
            (data[f"photo_{n}"], data[f"description_{n}"].strip())
            for n in range(1, PHOTOS_PER_UPDATE + 1)
            if data.get(f"photo_{n}")
        ]


class VisitOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(choices=[(Appointment.Status.DONE, ""), (Appointment.Status.MISSED, "")])


# ---------------------------------------------------------------------------------------------------------------
# Staff pages: changing a project's phase, recording and resolving commitments, adding a document
# ---------------------------------------------------------------------------------------------------------------

DATE_INPUT = {"type": "date"}


class PhaseChangeForm(forms.Form):
    """The phase to move a project to; pausing or cancelling needs a reason (the service refuses without one)."""

    to_phase = forms.ChoiceField(label=_("New phase"))
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you pause or cancel the project: the corporation counts why projects stop."),
    )

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        order = [*PHASE_ORDER, Phase.PAUSED, Phase.CANCELLED]
        self.fields["to_phase"].choices = [(phase.value, phase.label) for phase in order if phase != current]
        if current in PHASE_ORDER[:-1]:  # offer the next step on the normal road first
            self.fields["to_phase"].initial = PHASE_ORDER[PHASE_ORDER.index(current) + 1]

    def clean_to_phase(self):
        return Phase(self.cleaned_data["to_phase"])


class OwnerChoiceField(forms.ModelChoiceField):
    """A membership, shown as the person and their organisation: the owner and the organisation of a promise."""

    def label_from_instance(self, membership):
        user = membership.user
        return f"{user.get_full_name() or user.email} ({membership.organisation})"


class CommitmentForm(forms.Form):
    title = forms.CharField(label=_("What was promised"), max_length=Commitment._meta.get_field("title").max_length)
    description = forms.CharField(
        label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Tenants see this.")
    )
    owner = OwnerChoiceField(
        label=_("Owner"),
        queryset=None,
        help_text=_("Who makes sure it happens: someone of the corporation or of the project's contractor."),
    )
    due_on = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"))

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class ResolveCommitmentForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(Commitment.Status.KEPT, _("kept")), (Commitment.Status.BROKEN, _("broken"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Tenants see this note with the promise."),
        error_messages={"required": _("Say what was done, so tenants can see it.")},
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF (at most 20 MB) or a photo (JPEG, PNG or WebP, at most 10 MB)."),
        widget=forms.FileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
    )
    visibility = forms.ChoiceField(
        label=_("Visible to"), choices=Visibility.choices, initial=Visibility.HOUSEHOLDS, widget=forms.RadioSelect
    )
