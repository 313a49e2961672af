"""Pages of the polls app; each views module declares its own urlpatterns."""

urlpatterns = []
