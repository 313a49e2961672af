"""The site's URLs with the notification pages, for as long as renovatie.urls does not include them yet."""

from django.urls import include, path

from renovatie.urls import urlpatterns as site

urlpatterns = [*site, path("", include("notifications.urls"))]
