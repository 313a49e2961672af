"""The demo's polls, added by `manage.py seed_demo`."""


def seed_polls(corporation, users):
    """Create the demo's polls once; return a one-line summary for the console, or None when nothing was added."""
    return None
