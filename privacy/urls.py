"""Privacy: the public privacy page, a person's own data (download, delete) and retention for staff."""

from .views import personal, staff

urlpatterns = personal.urlpatterns + staff.urlpatterns
