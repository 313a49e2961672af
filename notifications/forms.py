from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EmailRhythm, Kind


class PreferencesForm(forms.Form):
    """Per kind: show it on the website (yes/no) and when to e-mail it. Fields `<kind>-in_app`, `<kind>-email`."""

    def __init__(self, *args, preferences, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind.values:
            preference = preferences[kind]
            self.fields[f"{kind}-in_app"] = forms.BooleanField(
                label=_("Show on the website"), required=False, initial=preference.in_app
            )
            self.fields[f"{kind}-email"] = forms.ChoiceField(
                label=_("E-mail"), choices=EmailRhythm.choices, initial=preference.email
            )

    def kinds(self):
        """(label, in_app field, e-mail field) per kind, for the template's fieldsets."""
        return [(label, self[f"{kind}-in_app"], self[f"{kind}-email"]) for kind, label in Kind.choices]

    def choices(self):
        return {kind: (self.cleaned_data[f"{kind}-in_app"], self.cleaned_data[f"{kind}-email"]) for kind in Kind.values}
