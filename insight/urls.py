"""Insight for staff: the risk dashboard and the household dossier. Each views module declares its urlpatterns."""

from .views import dashboard, dossier

urlpatterns = dashboard.urlpatterns + dossier.urlpatterns
