"""Housing stock and the people in it.

A corporation owns complexes of dwellings; a household is the tenancy of one dwelling; a tenant's account is
linked to a household through a profile. Staff, contractors and tenant organisations are organisations with
memberships. The corporation knows addresses, not e-mail addresses, so tenants join with an invitation code
printed on a letter.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailUserManager(UserManager):
    def _create_user_object(self, username, email, password, **extra_fields):
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        return super().create_user(None, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        return super().create_superuser(None, email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. People log in with their e-mail address; there is no user name."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    def __str__(self):
        return self.email


class Corporation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), unique=True)

    class Meta:
        verbose_name = _("housing corporation")
        verbose_name_plural = _("housing corporations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Complex(models.Model):
    """A block or a group of streets that the corporation manages (and renovates) as one."""

    corporation = models.ForeignKey(Corporation, on_delete=models.PROTECT, related_name="complexes")
    code = models.CharField(_("complex code"), max_length=40)
    name = models.CharField(_("name"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("complex")
        verbose_name_plural = _("complexes")
        ordering = ["corporation", "code"]
        constraints = [
            models.UniqueConstraint(fields=["corporation", "code"], name="unique_complex_code_per_corporation")
        ]

    def __str__(self):
        return f"{self.code} {self.name}".strip()


class Dwelling(models.Model):
    """One home. Its address is unique: postcode, house number and addition identify it in the Netherlands."""

    complex = models.ForeignKey(Complex, on_delete=models.PROTECT, related_name="dwellings")
    street = models.CharField(_("street"), max_length=200)
    house_number = models.PositiveIntegerField(_("house number"))
    addition = models.CharField(_("addition"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, help_text=_("Four digits and two letters."))
    city = models.CharField(_("city"), max_length=100)

    class Meta:
        verbose_name = _("dwelling")
        verbose_name_plural = _("dwellings")
        ordering = ["street", "house_number", "addition"]
        constraints = [
            models.UniqueConstraint(fields=["postcode", "house_number", "addition"], name="unique_address"),
        ]

    def __str__(self):
        return self.address

    @property
    def address(self):
        number = f"{self.house_number}{'-' + self.addition if self.addition else ''}"
        return f"{self.street} {number}, {self.formatted_postcode} {self.city}"

    @property
    def formatted_postcode(self):
        return f"{self.postcode[:4]} {self.postcode[4:]}"


class HouseholdQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_on__isnull=True)


class Household(models.Model):
    """The tenancy of one dwelling. A dwelling has at most one active household; past ones keep their history."""

    dwelling = models.ForeignKey(Dwelling, on_delete=models.PROTECT, related_name="households")
    tenancy_reference = models.CharField(_("tenancy reference"), max_length=40)
    started_on = models.DateField(_("tenancy started"), default=timezone.localdate)
    ended_on = models.DateField(_("tenancy ended"), null=True, blank=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        constraints = [
            models.UniqueConstraint(
                fields=["dwelling"],
                condition=Q(ended_on__isnull=True),
                name="one_active_household_per_dwelling",
            ),
            models.UniqueConstraint(
                fields=["dwelling", "tenancy_reference"], name="unique_tenancy_reference_per_dwelling"
            ),
        ]

    def __str__(self):
        return f"{self.dwelling.address} ({self.tenancy_reference})"

    @property
    def is_active(self):
        return self.ended_on is None


class TenantProfile(models.Model):
    """Links a user account to the household it belongs to; one household may have several members."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tenant_profile")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="members")
    display_name = models.CharField(
        _("display name"), max_length=80, help_text=_("How neighbours see you, for example 'Anna, nr. 12'.")
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="nl")
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tenant profile")
        verbose_name_plural = _("tenant profiles")

    def __str__(self):
        return self.display_name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CORPORATION = "corporation", _("housing corporation")
        CONTRACTOR = "contractor", _("contractor")
        TENANT_ORGANISATION = "tenant_organisation", _("tenant organisation")

    corporation = models.ForeignKey(
        Corporation,
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_("The corporation this organisation works for or with."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["corporation", "name"], name="unique_organisation_per_corporation")
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        STAFF = "staff", _("corporation staff")
        PROJECT_LEAD = "project_lead", _("project lead")
        CONTRACTOR = "contractor", _("contractor")
        TENANT_REPRESENTATIVE = "tenant_representative", _("tenant representative")

    # Which role fits which kind of organisation (checked in clean(), so the admin explains a mismatch).
    ROLES_BY_KIND = {
        Organisation.Kind.CORPORATION: {Role.STAFF, Role.PROJECT_LEAD},
        Organisation.Kind.CONTRACTOR: {Role.CONTRACTOR},
        Organisation.Kind.TENANT_ORGANISATION: {Role.TENANT_REPRESENTATIVE},
    }

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_organisation")]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    def clean(self):
        from django.core.exceptions import ValidationError

        allowed = self.ROLES_BY_KIND.get(self.organisation.kind, set()) if self.organisation_id else set()
        if self.organisation_id and self.role not in allowed:
            raise ValidationError(
                {
                    "role": _("This role does not fit an organisation of kind %(kind)s.")
                    % {"kind": self.organisation.get_kind_display()}
                }
            )


class Invitation(models.Model):
    """A one-time activation code printed on a letter to one household.

    Only a keyed digest of the code is stored: the code itself exists on paper and, once, in the printed page.
    """

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="invitations")
    code_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation letter")
        verbose_name_plural = _("invitation letters")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["household", "-created_at"])]

    def __str__(self):
        return f"{self.household} {self.created_at:%Y-%m-%d}"

    @property
    def status(self):
        if self.used_at:
            return _("used")
        if self.revoked_at:
            return _("replaced by a newer letter")
        if self.expires_at <= timezone.now():
            return _("expired")
        return _("waiting")


class HouseholdNeeds(models.Model):
    """What a household wants the corporation and visitors to know. Staff see all of it; a contractor sees only
    what a visit needs (see `VISIT_FIELDS`), never the medical details."""

    VISIT_FIELDS = ("mobility", "pets", "needs_helper_present", "preferred_language", "visit_notes")

    household = models.OneToOneField(Household, on_delete=models.CASCADE, related_name="needs")
    mobility = models.CharField(
        _("mobility"), max_length=200, blank=True, help_text=_("For example: wheelchair, cannot climb stairs.")
    )
    medical = models.TextField(_("medical needs"), blank=True, help_text=_("Only corporation staff see this."))
    pets = models.CharField(_("pets"), max_length=200, blank=True)
    works_from_home = models.BooleanField(_("works from home"), default=False)
    preferred_language = models.CharField(_("preferred language for visits"), max_length=60, blank=True)
    needs_helper_present = models.BooleanField(_("wants a helper present during visits"), default=False)
    visit_notes = models.CharField(_("other things a visitor should know"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("household needs")
        verbose_name_plural = _("household needs")

    def __str__(self):
        return str(self.household)
