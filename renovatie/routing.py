"""Websocket routes of every app, gathered in one list for the ASGI router."""

from django.urls import path

from notifications.consumers import PersonalConsumer

websocket_urlpatterns = [
    path("ws/me/", PersonalConsumer.as_asgi()),
]
