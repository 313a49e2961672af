"""What people write in a discussion, turned into safe HTML: a small Markdown subset, sanitised, with @mentions.

Markdown (paragraphs, line breaks, **bold**, *italic*, lists, > quotes, `code` and links) is converted by
Python-Markdown with raw HTML switched off, so `<b>` or `<script>` is shown as typed, never run. The result is
then cleaned by nh3 (ammonia), which keeps only the tags below, only http, https and mailto links, and gives
every link rel="nofollow ugc noopener". Images are not part of the subset: photos go with problem reports.

Mentions: `@` followed by the name of a member of the discussion (a tenant's display name, or the first name
of a staff member or contractor), matched case-insensitively, the longest known name winning ("@Anna de Vries"
beats "@Anna"), and the name must end where a word ends. Text inside code and links is never a mention. A
mention is shown as <strong class="mention"> and the people mentioned are returned, so the caller can tell
them. Two members with the same name are both mentioned.
"""

import html
import re
from dataclasses import dataclass

import markdown
import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "*": set()}  # "*": no generic attributes (ammonia keeps lang, title)
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"
MIN_NAME_LENGTH = 2

_TAG = re.compile(r"(<[^>]*>)")
_NO_MENTIONS_INSIDE = {"code", "pre", "a"}


@dataclass(frozen=True)
class Rendered:
    html: str
    mentioned: tuple = ()  # user ids, without duplicates, in the order first mentioned


def render(body, members=()):
    """Safe HTML for `body`. `members` are (name, user_id) pairs of the people who may be mentioned, or a function
    that returns them, called only when the text has an @ in it (most texts mention nobody)."""
    cleaned = sanitise(_markdown().convert(body or ""))
    return _mark_mentions(cleaned, members)


def sanitise(fragment):
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
    )


def _markdown():
    """A fresh converter per text (Python-Markdown instances keep state), with raw HTML and images off."""
    converter = markdown.Markdown(extensions=["nl2br", "sane_lists"], output_format="html")
    converter.preprocessors.deregister("html_block")
    for pattern in ("html", "image_link", "image_reference", "short_image_ref"):
        if pattern in converter.inlinePatterns:
            converter.inlinePatterns.deregister(pattern)
    return converter


def _mark_mentions(fragment, members):
    if "@" not in fragment:
        return Rendered(fragment)
    if callable(members):
        members = members()
    ids_by_name = {}
    for name, user_id in members:
        name = (name or "").strip()
        if len(name) >= MIN_NAME_LENGTH:
            ids_by_name.setdefault(html.escape(name, quote=False).casefold(), []).append(user_id)
    if not ids_by_name or "@" not in fragment:
        return Rendered(fragment)
    names = sorted(ids_by_name, key=len, reverse=True)  # the regex tries alternatives in order: longest first
    pattern = re.compile(r"(?<![\w@])@(" + "|".join(re.escape(name) for name in names) + r")(?!\w)", re.IGNORECASE)
    mentioned = []

    def mark(match):
        for user_id in ids_by_name[match.group(1).casefold()]:
            if user_id not in mentioned:
                mentioned.append(user_id)
        return f'<strong class="mention">{match.group(0)}</strong>'

    parts, inside = [], []
    for part in _TAG.split(fragment):
        if part.startswith("<"):
            tag = part.strip("</>").split(None, 1)[0].lower() if part.strip("</>") else ""
            if tag in _NO_MENTIONS_INSIDE:
                if part.startswith("</"):
                    if tag in inside:
                        inside.remove(tag)
                else:
                    inside.append(tag)
            parts.append(part)
        else:
            parts.append(part if inside else pattern.sub(mark, part))
    return Rendered("".join(parts), tuple(mentioned))
