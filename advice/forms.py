"""The forms of each step: staff start a request, build and send the packet, extend, record advice and respond;
the committee gives its advice online and keeps its documents and minutes. The services check the order."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.models import Proposal
from tenants.models import Organisation

DATE_WIDGET = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}
PDF_OR_PHOTO = "application/pdf,image/jpeg,image/png,image/webp"
YES, NO = "yes", "no"


def _date(label, help_text=""):
    return forms.DateField(
        label=label, help_text=help_text, initial=timezone.localdate, widget=forms.DateInput(**DATE_WIDGET)
    )


def _yes_no(label, yes, no, required_message):
    return forms.TypedChoiceField(
        label=label,
        choices=[(YES, yes), (NO, no)],
        coerce=lambda value: value == YES,
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
    )


class AdviceRequestForm(forms.Form):
    """`project`'s corporation's tenant organisations and the project's proposals are the choices."""

    organisation = forms.ModelChoiceField(
        label=_("Tenant organisation or residents' committee"), queryset=Organisation.objects.none()
    )
    subject = forms.CharField(label=_("What is the advice about?"), max_length=200)
    proposal = forms.ModelChoiceField(label=_("Proposal (optional)"), queryset=Proposal.objects.none(), required=False)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            corporation_id=project.corporation_id, kind=Organisation.Kind.TENANT_ORGANISATION
        )
        self.fields["proposal"].queryset = Proposal.objects.filter(project=project)


class PacketDocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF (at most 20 MB) or a photo (JPEG, PNG or WebP, at most 10 MB)."),
        widget=forms.FileInput(attrs={"accept": PDF_OR_PHOTO}),
    )


class PacketSentForm(forms.Form):
    sent_on = _date(_("Sent on"), _("The six weeks for the advice start on this day."))


class ExtensionForm(forms.Form):
    until = forms.DateField(label=_("New due date"), widget=forms.DateInput(**DATE_WIDGET))
    reason = forms.CharField(label=_("What was agreed with the committee"), widget=forms.Textarea(attrs={"rows": 3}))


class CommitteeAdviceForm(forms.Form):
    """The advice as the committee gives it online: on the day it is sent."""

    agrees = _yes_no(
        _("Does the committee agree with the plan?"),
        _("Yes, we have no objection to the plan"),
        _("No, or only with changes: see our advice"),
        _("Say whether the committee agrees with the plan."),
    )
    text = forms.CharField(
        label=_("The advice"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Write the advice here, or add it as a document below, or both."),
    )
    file = forms.FileField(
        label=_("The advice as a document (optional)"),
        required=False,
        help_text=_("A PDF (at most 20 MB) or a photo (JPEG, PNG or WebP, at most 10 MB)."),
        widget=forms.FileInput(attrs={"accept": PDF_OR_PHOTO}),
    )


class StaffAdviceForm(CommitteeAdviceForm):
    """An advice that came on paper or by e-mail, entered by staff with the day it arrived."""

    received_on = _date(_("Received on"))
    field_order = ["received_on", "agrees", "text", "file"]


class ResponseForm(forms.Form):
    sent_on = _date(_("Sent on"))
    departs = _yes_no(
        _("Does the corporation depart from the advice?"),
        _("Yes, we depart from the advice, wholly or in part"),
        _("No, we follow the advice wholly"),
        _("Say whether the corporation departs from the advice."),
    )
    reasons = forms.CharField(
        label=_("Reasons for departing from the advice"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Required when the corporation departs from the advice."),
    )


class CommitteeDocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF or a plain text file, at most 20 MB."),
        widget=forms.FileInput(attrs={"accept": "application/pdf,text/plain"}),
    )


class MinutesForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    meeting_on = _date(_("Meeting date"))
    minutes = forms.CharField(
        label=_("Minutes"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("You can use **bold**, *italic*, lists starting with - and links."),
    )
