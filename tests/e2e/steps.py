"""What a person does and checks in every browser test, written once."""

# True when the page does not scroll sideways (WCAG reflow; tenants use phones of about 360 px).
FITS_THE_SCREEN = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def log_in(page, email, password):
    """Log in through the real login form, as a person does."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


# What the keyboard focus is on, and whether a sighted keyboard user can see it (an outline or a ring).
FOCUS_INDICATOR = """() => {
    const element = document.activeElement, style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    return {visible: element.matches(":focus-visible") && (outline || style.boxShadow !== "none"),
            html: element.outerHTML.slice(0, 120)};
}"""


def tab_to(page, target, presses=80):
    """Press Tab until the focus is on `target` (a locator), as a keyboard user does; every element passed on the
    way must show where the focus is. Returns how many presses it took."""
    for press in range(1, presses + 1):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_INDICATOR)
        assert focus["visible"], f"no visible focus indicator on {focus['html']}"
        if target.evaluate("element => element === document.activeElement"):
            return press
    raise AssertionError(f"{presses} presses of Tab never reached {target}")
