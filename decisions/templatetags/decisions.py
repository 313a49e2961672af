"""Template helpers for the count: a share as whole percents rounded down, so 69.9% never reads as 70%."""

import math

from django import template

from ..tally import THRESHOLD_PERCENT

register = template.Library()


@register.filter
def percent(share):
    """0.699 → 69: rounded down, like the 70% rule itself (decisions.tally)."""
    return math.floor(share * 100 + 1e-9)


@register.simple_tag
def agreement_threshold():
    return THRESHOLD_PERCENT


@register.filter
def published(proposals):
    """The proposals households may see: every one but drafts."""
    return [proposal for proposal in proposals if proposal.status != "draft"]
