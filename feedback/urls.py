"""Discussion pages: threads (feedback.views.threads) and moderation (feedback.views.moderation)."""

from .views import moderation, threads

urlpatterns = threads.urlpatterns + moderation.urlpatterns
