"""Pages of the meetings app; each views module declares its own urlpatterns."""

urlpatterns = []
