"""Forms of the discussion pages: start a thread, reply, edit a post, change a thread's status."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from projects.uploads import check_image

from .models import Thread

MAX_PHOTOS = 3
MAX_BODY = 10_000


class StartThreadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=[(value, capfirst(label)) for value, label in Thread.Kind.choices],
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Your message"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("You can use **bold**, *italic*, lists and links. Mention a neighbour with @ and their name."),
    )
    location = forms.ChoiceField(
        label=_("Where is the problem?"),
        choices=[("", _("(not said)")), *((value, capfirst(label)) for value, label in Thread.Location.choices)],
        required=False,
        help_text=_("Only for a problem report."),
    )
    photo_1 = forms.ImageField(label=_("Photo 1"), required=False, help_text=_("Only for a problem report."))
    description_1 = forms.CharField(label=_("What the photo shows"), max_length=200, required=False)
    photo_2 = forms.ImageField(label=_("Photo 2"), required=False)
    description_2 = forms.CharField(label=_("What the photo shows"), max_length=200, required=False)
    photo_3 = forms.ImageField(label=_("Photo 3"), required=False)
    description_3 = forms.CharField(label=_("What the photo shows"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        is_problem = data.get("kind") == Thread.Kind.PROBLEM
        photos = []
        for number in range(1, MAX_PHOTOS + 1):
            upload, description = data.get(f"photo_{number}"), (data.get(f"description_{number}") or "").strip()
            if not upload:
                continue
            if not is_problem:
                self.add_error(f"photo_{number}", _("Only a problem report can carry photos."))
                continue
            if not description:
                self.add_error(f"description_{number}", _("Describe the photo for people who cannot see it."))
                continue
            try:
                check_image(upload)
            except ValidationError as error:
                self.add_error(f"photo_{number}", error)
                continue
            photos.append((upload, description))
        if data.get("location") and not is_problem:
            data["location"] = ""
        data["photos"] = photos
        return data


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 4}))


class EditPostForm(forms.Form):
    body = forms.CharField(label=_("Text"), max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 8}))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Thread.Status.choices)
