"""Invitation letters: issuing one-time codes for households and redeeming them into accounts.

A code is 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G), shown as
XXXX-XXXX-XXXX: 22^12 ≈ 2^53 possibilities. Only an HMAC of the normalised code is stored, so a database
leak does not hand out accounts. Issuing a new letter replaces the household's earlier unused codes.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Household, Invitation, TenantProfile

ALPHABET = "ACDEFHJKMNPRTUVWXY3479"
CODE_LENGTH = 12
GROUP = 4


class InvitationError(Exception):
    """A code that cannot be used; the message is for the tenant."""


@dataclass(frozen=True)
class Letter:
    household: Household
    code: str
    expires_at: object


def new_code():
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, CODE_LENGTH, GROUP))


def normalise(code):
    """What a person typed, as stored: upper case, without the spaces and dashes people add or leave out."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def digest(code):
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, normalise(code).encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def issue_letters(households, *, issued_by):
    """New codes for `households` (active ones only), replacing their unused codes. Returns printable letters."""
    now = timezone.now()
    expires_at = now + timedelta(days=settings.INVITATION_VALID_DAYS)
    households = [h for h in households if h.ended_on is None]
    Invitation.objects.filter(household__in=households, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    letters = [Letter(household=h, code=new_code(), expires_at=expires_at) for h in households]
    Invitation.objects.bulk_create(
        Invitation(
            household=letter.household,
            code_digest=digest(letter.code),
            created_at=now,
            created_by=issued_by,
            expires_at=expires_at,
        )
        for letter in letters
    )
    return letters


def find_invitation(code):
    """The invitation a typed code belongs to, or InvitationError with the reason in the tenant's language."""
    if len(normalise(code)) != CODE_LENGTH:
        raise InvitationError(_("A code has 12 letters and digits, like ACDE-FH34-JK79. Please check the letter."))
    invitation = Invitation.objects.select_related("household__dwelling").filter(code_digest=digest(code)).first()
    if invitation is None:
        raise InvitationError(_("We do not know this code. Please check it against your letter."))
    if invitation.used_at:
        raise InvitationError(
            _("This code has already been used. Log in with your e-mail address, or ask us for a new letter.")
        )
    if invitation.revoked_at:
        raise InvitationError(_("This code was replaced by a newer letter. Please use the code on that letter."))
    if invitation.expires_at <= timezone.now() or invitation.household.ended_on is not None:
        raise InvitationError(_("This code has expired. Ask the corporation for a new letter."))
    return invitation


@transaction.atomic
def redeem(invitation_id, *, email, password, display_name, language):
    """Create the tenant's account and link it to the household of the invitation, exactly once."""
    invitation = Invitation.objects.select_for_update().select_related("household").get(pk=invitation_id)
    if (
        invitation.used_at
        or invitation.revoked_at
        or invitation.expires_at <= timezone.now()
        or invitation.household.ended_on is not None
    ):
        raise InvitationError(_("This code can no longer be used. Ask the corporation for a new letter."))
    taken = _("An account with this e-mail address already exists. Please log in instead.")
    User = get_user_model()
    if User.objects.filter(email__iexact=email).exists() or EmailAddress.objects.filter(email__iexact=email).exists():
        raise InvitationError(taken)
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email, password=password)
    except IntegrityError as error:  # the same address, activated at the same moment with another letter
        raise InvitationError(taken) from error
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    TenantProfile.objects.create(
        user=user, household=invitation.household, display_name=display_name, language=language
    )
    invitation.used_at = timezone.now()
    invitation.used_by = user
    invitation.save(update_fields=["used_at", "used_by"])
    return user
