from django import forms
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(forms.Form):
    """Deleting cannot be undone: the person types their password and ticks that they understand."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
    )
    understood = forms.BooleanField(
        label=_("I understand that my account is deleted for good and cannot be restored."),
        error_messages={"required": _("Tick this box to delete your account.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not correct."))
        return password


class ProfileForm(forms.ModelForm):
    """The right to rectification: a person corrects what the platform shows and uses about them."""

    class Meta:
        from tenants.models import TenantProfile

        model = TenantProfile
        fields = ["display_name", "language", "accessibility_needs"]
        help_texts = {
            "accessibility_needs": _("For example: large letters, easy language, someone who reads along."),
        }
