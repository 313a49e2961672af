import socket

import pytest


@pytest.fixture
def closed_port():
    """A local port nothing listens on: a dependency that is down answers "connection refused" there."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
