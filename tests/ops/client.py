"""What the scale-out and failure tests do as a person would: open pages, post a reply, vote, listen live.

Built on the benchmark's signed-in aiohttp sessions (bench/load.py), each test step one small coroutine."""

import asyncio

from bench.load import session_for


def reply_path(world):
    return f"/gesprekken/{world['thread']}/bericht/{world['opening']}/reageren/"


def vote_path(world):
    return f"/projecten/{world['project']}/voorstellen/{world['proposal']}/stemmen/"


def discussion_socket_path(world):
    return f"/ws/gesprekken/project/{world['project']}/"


async def post(base, session_key, path, data):
    """The status of a form POST, not following the redirect."""
    async with session_for(base, session_key) as client, client.post(path, data=data, allow_redirects=False) as answer:
        await answer.read()
        return answer.status


async def get(base, session_key, path):
    """(status, body) of a GET."""
    async with session_for(base, session_key) as client, client.get(path, allow_redirects=False) as answer:
        return answer.status, await answer.text()


async def first_message_containing(socket, text, timeout=10):
    """The first message on `socket` that contains `text`, or None after `timeout` seconds."""
    try:
        async with asyncio.timeout(timeout):
            while True:
                message = await socket.receive()
                if isinstance(message.data, str) and text in message.data:
                    return message.data
    except TimeoutError:
        return None
