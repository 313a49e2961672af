"""The words of the role × page permission tables, shared by every app's table."""

LOGIN = "login page"
ADMIN = "admin login page"


def outcome(response, *, back=None, back_word="back"):
    """What a person gets, in a table's words: the status code, the login page, or where they are sent.

    `back` is the start of the address a successful action returns to (the page it was done from); a redirect
    there reads as `back_word`.
    """
    if response.status_code != 302:
        return response.status_code
    location = response["Location"]
    if location.startswith("/accounts/login/"):
        return LOGIN
    if location.startswith("/admin/login/"):
        return ADMIN
    if back is not None and location.startswith(back):
        return back_word
    return f"→ {location}"
