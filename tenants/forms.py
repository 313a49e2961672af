from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .invitations import InvitationError, find_invitation


class ActivationCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your letter"),
        max_length=30,
        help_text=_("12 letters and digits. Dashes and spaces do not matter."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def clean_code(self):
        try:
            self.invitation = find_invitation(self.cleaned_data["code"])
        except InvitationError as error:
            raise forms.ValidationError(str(error)) from error
        return self.cleaned_data["code"]


class AccountDetailsForm(forms.Form):
    display_name = forms.CharField(
        label=_("Your name for neighbours"),
        max_length=80,
        help_text=_("For example your first name. Neighbours see this name with your messages."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        help_text=_("At least 10 characters. A short sentence is easy to remember."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    # Each language in its own name (Türkçe, العربيّة), as in the header's switcher: a reader finds their own.
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[
            (code, translation.get_language_info(code)["name_local"].capitalize()) for code, _n in settings.LANGUAGES
        ],
        initial="nl",
    )

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            try:
                password_validation.validate_password(password1)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LetterBatchForm(forms.Form):
    WHO_CHOICES = [
        ("not_activated", _("Households without an account")),
        ("all", _("All households (replaces codes not yet used)")),
    ]
    who = forms.ChoiceField(
        label=_("Print letters for"), choices=WHO_CHOICES, initial="not_activated", widget=forms.RadioSelect
    )


class HousingStockUploadForm(forms.Form):
    """The ERP's CSV export of the housing stock; checked for size and that it is text, by its content."""

    MAX_BYTES = 20 * 1024 * 1024

    file = forms.FileField(
        label=_("CSV file from the housing system"),
        help_text=_("At most 20 MB, separated by ; or , with a header row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv,text/plain"}),
    )

    def clean_file(self):
        from .housing_import import UnreadableFile, decode_csv_bytes

        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file may be at most 20 MB."))
        try:
            self.text = decode_csv_bytes(upload.read())
        except UnreadableFile as error:
            raise forms.ValidationError(str(error)) from error
        return upload
