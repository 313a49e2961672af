from django.contrib import admin
from django.urls import include, path

from tenants.views.language import set_language

# Uploaded files are never served from MEDIA_URL: documents and photos have a visibility, so views that
# check it stream them (see projects.views).
urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("tenants.urls")),
    path("", include("projects.urls")),
    path("", include("feedback.urls")),
    path("", include("decisions.urls")),
    path("", include("advice.urls")),
    path("", include("meetings.urls")),
    path("", include("polls.urls")),
    path("", include("surveys.urls")),
    path("", include("insight.urls")),
    path("", include("notifications.urls")),
    path("", include("privacy.urls")),
]
