"""The demo's advice, added by `manage.py seed_demo`."""


def seed_advice(corporation, users):
    """Create the demo's advice once; return a one-line summary for the console, or None when nothing was added."""
    return None
