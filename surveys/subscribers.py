"""The moments that send a pulse, heard as events from projects: a home visit done, a phase change."""

from renovatie.events import subscribe

from . import services


def after_home_visit(event):
    services.ask_after_home_visit(event.data["appointment"])


def after_phase_change(event):
    services.ask_at_phase_change(event.data["change"])


def connect():
    subscribe("appointment.done", after_home_visit)
    subscribe("project.phase_changed", after_phase_change)
