"""Websocket routes of every app, gathered in one list for the ASGI router."""

from django.urls import path

from decisions.consumers import TallyConsumer
from feedback.consumers import DiscussionConsumer
from notifications.consumers import PersonalConsumer

websocket_urlpatterns = [
    path("ws/me/", PersonalConsumer.as_asgi()),
    path("ws/gesprekken/project/<slug:slug>/", DiscussionConsumer.as_asgi(), name="ws_project_discussion"),
    path("ws/gesprekken/complex/<int:complex_id>/", DiscussionConsumer.as_asgi(), name="ws_complex_discussion"),
    path("ws/voorstellen/<int:proposal_id>/", TallyConsumer.as_asgi(), name="ws_proposal_tally"),
]
