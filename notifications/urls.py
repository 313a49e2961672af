"""Notification pages: a person's own, and staff's per project. Each views module declares its own urlpatterns."""

from .views import personal, staff

urlpatterns = personal.urlpatterns + staff.urlpatterns
