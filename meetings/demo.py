"""The demo's meetings, added by `manage.py seed_demo`."""


def seed_sessions(corporation, users):
    """Create the demo's meetings once; return a one-line summary for the console, or None when nothing was added."""
    return None
