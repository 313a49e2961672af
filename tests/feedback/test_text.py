"""What people write is shown as a small safe Markdown subset: scripts, event handlers and javascript: links are
neutralised, raw HTML is shown as typed, links carry rel="nofollow ugc", and @mentions find project members."""

from html.parser import HTMLParser

import pytest

from feedback import services
from feedback.models import Thread
from feedback.text import render

pytestmark = pytest.mark.django_db


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def elements(fragment):
    """(tag, attributes) of every element in an HTML fragment, as a browser would parse it."""
    parser = _Elements()
    parser.feed(fragment)
    return parser.found


def html(body, members=()):
    return render(body, members).html


def test_markdown_basics_become_html():
    result = html("**vet** en *schuin*\n\n- een\n- twee\n\n> geciteerd\n\n`code`")

    assert "<strong>vet</strong>" in result and "<em>schuin</em>" in result
    assert "<ul>" in result and "<li>een</li>" in result
    assert "<blockquote>" in result and "<code>code</code>" in result


def test_a_script_tag_is_shown_as_text_and_never_runs():
    result = html("Hallo <script>alert('x')</script>")

    assert "<script" not in result
    assert "&lt;script&gt;" in result


def test_an_event_handler_in_raw_html_is_neutralised():
    result = html('<img src="x" onerror="alert(1)"> <a href="https://x.nl" onclick="steel()">klik</a>')

    assert elements(result) == [("p", [])]  # the tags arrive as text: no element, no attribute
    assert "&lt;img" in result


def test_no_element_keeps_an_attribute_other_than_href_and_rel():
    result = html('[x](https://x.nl "titel") **vet** `code`\n\n<p style="color:red" onmouseover="x()">p</p>')

    attributes = {name for _tag, attrs in elements(result) for name, _value in attrs}
    assert attributes == {"href", "rel"}


def test_a_javascript_link_loses_its_address():
    result = html("[klik hier](javascript:alert(1)) en [data](data:text/html;base64,PHNjcmlwdD4=)")

    assert "javascript:" not in result and "data:" not in result
    assert ">klik hier</a>" in result


def test_links_are_marked_nofollow_ugc():
    result = html("Zie [de planning](https://example.org/planning) of mail naar <mailto:info@example.org>")

    assert 'href="https://example.org/planning"' in result
    assert result.count('rel="nofollow ugc noopener"') == 2


def test_images_and_headings_are_not_part_of_the_subset():
    result = html("# Kop\n\n![foto](https://example.org/a.png)")

    assert "<img" not in result and "<h1" not in result


def test_raw_html_is_shown_as_typed():
    result = html("Gebruik <b>vet</b> & <i>schuin</i>")

    assert "&lt;b&gt;vet&lt;/b&gt;" in result and "&amp;" in result


def test_a_mention_of_a_member_is_marked_and_returned():
    rendered = render(
        "Vraag aan @anna de vries en @Bram, niet aan @Onbekend", [("Anna de Vries", 1), ("Anna", 2), ("Bram", 3)]
    )

    assert '<strong class="mention">@anna de vries</strong>' in rendered.html
    assert '<strong class="mention">@Bram</strong>' in rendered.html
    assert "@Onbekend" in rendered.html and rendered.mentioned == (1, 3)


def test_a_mention_inside_code_or_a_link_or_an_address_is_not_a_mention():
    rendered = render("`@Bram` [@Bram](https://x.nl) bram@Bram.nl", [("Bram", 3)])

    assert rendered.mentioned == ()
    assert 'class="mention"' not in rendered.html


def test_a_mention_must_end_where_the_name_ends():
    assert render("@Brammetje", [("Bram", 3)]).mentioned == ()
    assert render("@Bram, kom je?", [("Bram", 3)]).mentioned == (3,)


def test_mentioning_a_neighbour_staff_or_the_contractor_in_a_thread_finds_them(
    project, asker, neighbour, staff, contractor
):
    thread = services.start_thread(
        project=project,
        kind=Thread.Kind.QUESTION,
        title="Steiger",
        body="@Bram weet jij het? Of @Fatima of @kees?",
        author=asker,
    )

    opening = thread.posts.get()
    assert opening.body_html.count('class="mention"') == 3
