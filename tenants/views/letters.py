"""Staff print invitation letters for a complex: one page per household with its address and a fresh code."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render

from ..forms import LetterBatchForm
from ..invitations import issue_letters
from ..models import Complex
from ..permissions import staff_required, viewer_for
from ..selectors import households_for_letters


@staff_required
def invitation_letters(request, complex_id):
    viewer = viewer_for(request)
    complex_ = get_object_or_404(
        Complex.objects.select_related("corporation"),
        pk=complex_id,
        corporation_id__in=viewer.staff_corporation_ids,
    )
    form = LetterBatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        households = households_for_letters(complex_, only_not_activated=form.cleaned_data["who"] == "not_activated")
        letters = issue_letters(list(households), issued_by=request.user)
        return render(
            request,
            "tenants/letters_print.html",
            {
                "complex": complex_,
                "letters": letters,
                "activation_url": settings.SITE_URL.rstrip("/") + "/activeren/",
            },
        )
    return render(
        request,
        "tenants/letters_form.html",
        {
            "complex": complex_,
            "form": form,
            "not_activated": households_for_letters(complex_, only_not_activated=True).count(),
        },
    )
