"""Writes of the insight app: only the log of who opened a household's dossier."""

from .models import DossierView


def log_dossier_view(household, *, by, for_print=False):
    """Every opening of a dossier is recorded before it is shown; the dossier lists its own recent views."""
    return DossierView.objects.create(household=household, viewed_by=by, for_print=for_print)
