"""A post's <article> as a thread page shows it, rendered once per kind of viewer and kept in the cache.

A page of a long thread shows 50 posts; rendering their templates (text, edit history, reply form, moderation
links) was most of the page's time: 170 ms of a 2,000-reply thread page on the benchmark data, in one process. What
an article shows depends only on the post (its text, edits, hidden state, reports, official mark, its author's
label) and on the kind of viewer (role, language, suspended or not, own post or not). The cache key holds all of
these and the templates' own source, so an edit, a hide, a new report or a new release makes a new key: nothing is
invalidated by hand, and unused entries expire. The form token differs per person, so articles are stored with a
placeholder that each page fills with its own.

Without Redis the cache is the process's own memory; with Redis down it misses and every article is rendered.
"""

import hashlib
from functools import cache as once

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

TEMPLATE = "feedback/fragments/post.html"
INCLUDED = ("feedback/fragments/post_actions.html", "feedback/fragments/moderation_controls.html")
TIMEOUT = 6 * 60 * 60  # a release that changes only a translation shows the old wording in cached posts this long
CSRF_PLACEHOLDER = "post-article-csrf-token-placeholder"


def attach_articles(posts, *, thread, role, viewer, suspension, csrf_token):
    """Give each post `article_html`, its rendered article for this viewer: from the cache, or rendered and cached.
    One cache round trip to read and at most one to write, however many posts; one query for the earlier texts of
    the edited posts among those rendered."""
    user_id = viewer.user.pk if viewer.is_authenticated else None
    kind = f"{_templates_version()}:{int(role)}:{translation.get_language()}:{int(suspension is not None)}"
    keys = {post.pk: f"post-article:{kind}:{int(post.author_id == user_id)}:{_state(post)}" for post in posts}
    found = cache.get_many(list(keys.values()))
    missing = [post for post in posts if keys[post.pk] not in found]
    prefetch_related_objects([post for post in missing if post.edited_at], "revisions")
    rendered = {}
    for post in posts:
        html = found.get(keys[post.pk])
        if html is None:
            context = {
                "post": post,
                "thread": thread,
                "role": role,
                "viewer": viewer,
                "suspension": suspension,
                "csrf_token": CSRF_PLACEHOLDER,
            }
            html = rendered[keys[post.pk]] = render_to_string(TEMPLATE, context)
        post.article_html = mark_safe(html.replace(CSRF_PLACEHOLDER, str(csrf_token)))
    if rendered:
        cache.set_many(rendered, TIMEOUT)


def _state(post):
    """Everything of the post that its article shows, as a short digest (authors labelled by label_authors)."""
    shown = (
        post.pk,
        post.thread_id,
        post.parent_id,
        post.author_id,
        post.author_name,
        post.author_kind,
        post.body_html,
        post.created_at,
        post.edited_at,
        post.is_official,
        post.flag_count,
        post.hidden_at,
        post.hidden_reason,
    )
    return hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()


@once
def _templates_version():
    """A digest of the article's templates as this process loaded them: a release that changes them starts anew."""
    sources = [get_template(name).template.source for name in (TEMPLATE, *INCLUDED)]
    return hashlib.blake2b("\0".join(sources).encode(), digest_size=6).hexdigest()
