"""What a person does and checks in every browser test, written once."""

# True when the page does not scroll sideways (WCAG reflow; tenants use phones of about 360 px).
FITS_THE_SCREEN = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def log_in(page, email, password):
    """Log in through the real login form, as a person does."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
