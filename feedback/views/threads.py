"""Discussion pages: a project's or complex's threads (list, search, start one), a thread with its replies,
replying, editing, support, official answers, status, and the photos of problem reports.

Who: the project's households, its assigned contractors and the corporation's staff (a complex: its households
and staff). Anonymous visitors go to the login page; anyone else gets 404, as if the discussion did not exist.
Within it, support is for households; marking an official answer for staff and contractors; changing the status
for staff, and a thread's own author may mark it resolved. Editing: the author of a post, and staff.
Posting (a thread, a reply, an edit) is rate-limited per person (settings.POSTING_RATE): over the limit the
page says so with 429 and nothing is saved. A suspended member sees why in place of the forms.
"""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.selectors import projects_for_pages
from renovatie.ratelimits import counted_too_many, posting_too_fast_message
from renovatie.uploads import stream_upload
from tenants.models import Complex
from tenants.permissions import viewer_for

from .. import live, services
from ..forms import EditPostForm, ReplyForm, StartThreadForm, StatusForm
from ..models import PATH_SEGMENT, Post, Thread, ThreadPhoto
from ..permissions import (
    active_suspension,
    discussion_role,
    may_answer_officially,
    may_moderate,
    may_read,
    thread_role,
)
from ..post_articles import attach_articles
from ..selectors import (
    POSTS_PER_PAGE,
    SORTS,
    VISIBLE_LEVELS,
    answer_times,
    label_authors,
    opening_is_hidden,
    post_tree,
    thread_for_viewer,
    thread_list,
    thread_page_of_list,
    thread_with_place,
)
from ..templatetags.discussion import may_support


def _posting_too_fast(request):
    """Counts this attempt; True when the person has posted more than settings.POSTING_RATE allows."""
    return counted_too_many(request, group="feedback-post", rate=settings.POSTING_RATE)


def _submit(request, form, suspension, save):
    """The one path of every form that posts text. Returns (response, status): a suspended member gets 403 (the
    page says why), an invalid form 400, posting too fast 429 with a message, all with nothing saved; otherwise
    `save(cleaned_data)` writes and returns the redirect (or None after adding a form error: 400)."""
    if request.method != "POST":
        return None, 200
    if suspension is not None:
        return None, 403
    if not form.is_valid():
        return None, 400
    if _posting_too_fast(request):
        form.add_error(None, posting_too_fast_message(settings.POSTING_RATE))
        return None, 429
    return save(form.cleaned_data), 400


# --- Where: a project's or a complex's discussion -----------------------------------------------------------


def discussion(view):
    """Call `view(request, place, role)` where place is {"project": …} or {"complex": …}, for readers only."""

    @wraps(view)
    def wrapped(request, slug=None, complex_id=None):
        viewer = viewer_for(request)
        if not viewer.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if slug is not None:
            place = {"project": get_object_or_404(projects_for_pages(), slug=slug), "complex": None}
        else:
            place = {
                "project": None,
                "complex": get_object_or_404(Complex.objects.select_related("corporation"), pk=complex_id),
            }
        role = discussion_role(viewer, **place)
        if not may_read(role):
            raise Http404
        return view(request, place, role)

    return wrapped


def _corporation_id(place):
    return place["project"].corporation_id if place["project"] else place["complex"].corporation_id


def _list_url(place):
    if place["project"]:
        return reverse("project_threads", args=[place["project"].slug])
    return reverse("complex_threads", args=[place["complex"].pk])


def _new_url(place):
    if place["project"]:
        return reverse("project_thread_new", args=[place["project"].slug])
    return reverse("complex_thread_new", args=[place["complex"].pk])


@discussion
def threads(request, place, role):
    viewer = viewer_for(request)
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "newest"
    kind = request.GET.get("kind") if request.GET.get("kind") in Thread.Kind.values else ""
    query = request.GET.get("q", "").strip()
    listed = thread_list(**place, user=viewer.user, sort=sort, kind=kind, query=query)
    page = thread_page_of_list(listed, request.GET.get("page"), _corporation_id(place))
    return render(
        request,
        "feedback/thread_list.html",
        {
            **_place_context(place, role, viewer),
            "page": page,
            "sort": sort,
            "kind": kind,
            "query": query,
            "kinds": Thread.Kind.choices,
            "sorts": [
                ("newest", _("Newest activity")),
                ("supported", _("Most supported")),
                ("unanswered", _("Not yet answered")),
            ],
            "filter_query": _query_string(q=query, kind=kind),
            "page_query": _query_string(q=query, kind=kind, sort=sort),
            "form": StartThreadForm(),
            "answer_times": answer_times(**place) if may_moderate(role) else None,
        },
    )


@discussion
def new_thread(request, place, role):
    viewer = viewer_for(request)
    context = _place_context(place, role, viewer)
    form = StartThreadForm(request.POST or None, request.FILES or None)

    def save(data):
        try:
            thread = services.start_thread(
                **place,
                kind=data["kind"],
                title=data["title"],
                body=data["body"],
                author=viewer.user,
                location=data["location"] if data["kind"] == Thread.Kind.PROBLEM else "",
                photos=data["photos"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return None
        messages.success(request, _("Your message is posted."))
        return redirect("thread_detail", thread.pk)

    response, status = _submit(request, form, context["suspension"], save)
    if response is not None:
        return response
    return render(request, "feedback/thread_new.html", {**context, "form": form}, status=status)


def _query_string(**parameters):
    """GET parameters for links that keep the list's search and filter, ready for more after it."""
    kept = {name: value for name, value in parameters.items() if value}
    return urlencode(kept) + "&" if kept else ""


def _live(place):
    """The socket address and the newest event id a page needs for live updates (F3's live_connection)."""
    if place["project"]:
        ws_url = f"/ws/gesprekken/project/{place['project'].slug}/"
    else:
        ws_url = f"/ws/gesprekken/complex/{place['complex'].pk}/"
    return {"ws_url": ws_url, "last_event_id": live.latest_event_id(**place)}


def _place_context(place, role, viewer):
    return {
        **place,
        **_live(place),
        "role": role,
        "viewer": viewer,
        "list_url": _list_url(place),
        "new_url": _new_url(place),
        "suspension": active_suspension(viewer.user, _corporation_id(place)),
    }


# --- One thread ---------------------------------------------------------------------------------------------


def in_thread(view=None, *, page=False):
    """Call `view(request, thread, role, ...)` for people who may read the thread; 404 for everyone else.
    `page=True` for the thread's own page: the thread comes with everything its header shows (thread_for_viewer);
    the forms and actions get the thread with its place only, two queries fewer to load and to compile."""
    if view is None:
        return lambda view: in_thread(view, page=page)

    @wraps(view)
    def wrapped(request, thread_id, **kwargs):
        viewer = viewer_for(request)
        if not viewer.is_authenticated:
            return redirect_to_login(request.get_full_path())
        thread = thread_for_viewer(thread_id, viewer.user) if page else thread_with_place(thread_id)
        if thread is None:
            raise Http404
        role = thread_role(viewer, thread)
        if not may_read(role):
            raise Http404
        return view(request, thread, role, **kwargs)

    return wrapped


@in_thread(page=True)
def thread_detail(request, thread, role, post_id=None):
    viewer = viewer_for(request)
    root = None
    if post_id is not None:
        root = get_object_or_404(Post, pk=post_id, thread=thread)
    label_authors([thread], thread.corporation_id)
    tree = post_tree(thread, root=root, page_number=request.GET.get("page"))
    is_author = thread.author_id == viewer.user.pk
    place = {"project": thread.project, "complex": thread.complex}
    suspension = active_suspension(viewer.user, thread.corporation_id)
    attach_articles(
        tree.page.object_list,
        thread=thread,
        role=role,
        viewer=viewer,
        suspension=suspension,
        csrf_token=get_token(request),
    )
    return render(
        request,
        "feedback/thread_detail.html",
        {
            "thread": thread,
            "role": role,
            "viewer": viewer,
            "tree": tree,
            "show_photos": may_moderate(role) or not opening_is_hidden(thread),
            "root": root,
            "suspension": suspension,
            "status_form": StatusForm(initial={"status": thread.status}) if may_moderate(role) else None,
            "may_resolve": is_author and thread.status != Thread.Status.RESOLVED and not may_moderate(role),
            "list_url": _list_url(place),
            **_live(place),
        },
    )


@in_thread
def post_reply(request, thread, role, post_id):
    """GET: the reply form on its own page (the fallback of the inline <details>); POST: send the reply."""
    viewer = viewer_for(request)
    parent = get_object_or_404(Post, pk=post_id, thread=thread)
    parent.thread = thread  # loaded already, with its place
    suspension = active_suspension(viewer.user, thread.corporation_id)
    form = ReplyForm(request.POST or None)

    def save(data):
        post = services.reply(parent, data["body"], viewer.user)
        messages.success(request, _("Your reply is posted."))
        return redirect(_post_url(post))

    response, status = _submit(request, form, suspension, save)
    if response is not None:
        return response
    label_authors([parent], thread.corporation_id)
    return render(
        request,
        "feedback/post_reply.html",
        {"thread": thread, "parent": parent, "form": form, "role": role, "viewer": viewer, "suspension": suspension},
        status=status,
    )


@in_thread
def post_edit(request, thread, role, post_id):
    viewer = viewer_for(request)
    post = get_object_or_404(Post, pk=post_id, thread=thread)
    if post.author_id != viewer.user.pk and not may_moderate(role):
        raise PermissionDenied
    suspension = active_suspension(viewer.user, thread.corporation_id)
    form = EditPostForm(request.POST or None, initial={"body": post.body})

    def save(data):
        services.edit_post(post, data["body"], viewer.user)
        messages.success(request, _("Your changes are saved."))
        return redirect(_post_url(post))

    response, status = _submit(request, form, suspension, save)
    if response is not None:
        return response
    return render(
        request,
        "feedback/post_edit.html",
        {"thread": thread, "post": post, "form": form, "role": role, "viewer": viewer, "suspension": suspension},
        status=status,
    )


@require_POST
@in_thread
def thread_support(request, thread, role):
    if not may_support(role):
        raise PermissionDenied
    supported = services.toggle_support(thread, viewer_for(request).user)
    messages.success(request, _("Thank you for your support.") if supported else _("Your support is taken back."))
    return redirect(reverse("thread_detail", args=[thread.pk]) + f"#thread-summary-{thread.pk}")


@require_POST
@in_thread
def post_official(request, thread, role, post_id):
    if not may_answer_officially(role):
        raise PermissionDenied
    post = get_object_or_404(Post, pk=post_id, thread=thread)
    try:
        services.mark_official(post, viewer_for(request).user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The reply is marked as the official answer."))
    return redirect(_post_url(post))


@require_POST
@in_thread
def thread_status(request, thread, role):
    viewer = viewer_for(request)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return redirect("thread_detail", thread.pk)
    to_status = form.cleaned_data["status"]
    author_resolves = thread.author_id == viewer.user.pk and to_status == Thread.Status.RESOLVED
    if not (may_moderate(role) or author_resolves):
        raise PermissionDenied
    services.change_status(thread, to_status, viewer.user)
    messages.success(request, _("The status is now: %(status)s.") % {"status": Thread.Status(to_status).label})
    return redirect(reverse("thread_detail", args=[thread.pk]) + f"#thread-summary-{thread.pk}")


@in_thread
def thread_photo(request, thread, role, photo_id):
    """A problem report's photo; hidden with its opening post (staff still see it)."""
    photo = get_object_or_404(ThreadPhoto, pk=photo_id, thread=thread)
    if not may_moderate(role) and opening_is_hidden(thread):
        raise Http404
    return stream_upload(photo.image, photo.content_type, as_attachment=False, public=False)


def _post_url(post):
    """Where a post is shown: on its thread's page (the right page of it), or under "continue this thread"."""
    if post.depth >= VISIBLE_LEVELS:
        # Continuation pages are rooted at depths 5, 10, 15 …: the one whose levels include this post.
        root_depth = (VISIBLE_LEVELS - 1) * ((post.depth - 1) // (VISIBLE_LEVELS - 1))
        ancestor_id = int(post.path[root_depth * PATH_SEGMENT : (root_depth + 1) * PATH_SEGMENT])
        return reverse("post_detail", args=[post.thread_id, ancestor_id]) + f"#post-{post.pk}"
    before = Post.objects.filter(thread_id=post.thread_id, depth__lt=VISIBLE_LEVELS, path__lt=post.path).count()
    page = before // POSTS_PER_PAGE + 1
    query = f"?page={page}" if page > 1 else ""
    return reverse("thread_detail", args=[post.thread_id]) + f"{query}#post-{post.pk}"


urlpatterns = [
    path("projecten/<slug:slug>/gesprekken/", threads, name="project_threads"),
    path("projecten/<slug:slug>/gesprekken/nieuw/", new_thread, name="project_thread_new"),
    path("complexen/<int:complex_id>/gesprekken/", threads, name="complex_threads"),
    path("complexen/<int:complex_id>/gesprekken/nieuw/", new_thread, name="complex_thread_new"),
    path("gesprekken/<int:thread_id>/", thread_detail, name="thread_detail"),
    path("gesprekken/<int:thread_id>/bericht/<int:post_id>/", thread_detail, name="post_detail"),
    path("gesprekken/<int:thread_id>/bericht/<int:post_id>/reageren/", post_reply, name="post_reply"),
    path("gesprekken/<int:thread_id>/bericht/<int:post_id>/bewerken/", post_edit, name="post_edit"),
    path("gesprekken/<int:thread_id>/bericht/<int:post_id>/officieel/", post_official, name="post_official"),
    path("gesprekken/<int:thread_id>/steunen/", thread_support, name="thread_support"),
    path("gesprekken/<int:thread_id>/status/", thread_status, name="thread_status"),
    path("gesprekken/<int:thread_id>/fotos/<int:photo_id>/", thread_photo, name="thread_photo"),
]
