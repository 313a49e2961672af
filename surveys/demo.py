"""The demo's pulse questions and surveys, added by `manage.py seed_demo`."""


def seed_surveys(corporation, users):
    """Create the demo's pulses and survey once; return a one-line summary for the console, or None."""
    return None
