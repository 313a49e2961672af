"""Template filters for moderation: who may do what with a post, and how a person is named."""

from django import template

from .. import permissions
from ..moderation_selectors import person_name as _person_name

register = template.Library()


@register.filter
def may_moderate(role):
    return role is not None and role != "" and permissions.may_moderate(role)


@register.filter
def may_read(role):
    return role is not None and role != "" and permissions.may_read(role)


@register.filter
def person_name(user):
    return _person_name(user)
