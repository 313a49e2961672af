"""Pages of the surveys app; each views module declares its own urlpatterns."""

urlpatterns = []
