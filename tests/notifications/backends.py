"""E-mail backends for the outbox tests: Django's locmem backend, made to fail or to be slow on purpose."""

import smtplib
import threading
import time

from django.core.mail.backends.locmem import EmailBackend

failures_left = 0
send_delay = 0.0
_lock = threading.Lock()


class FlakyBackend(EmailBackend):
    """Fails with an SMTP error while `failures_left` > 0, then delivers into mail.outbox (after `send_delay`)."""

    def send_messages(self, messages):
        global failures_left
        with _lock:
            if failures_left > 0:
                failures_left -= 1
                raise smtplib.SMTPServerDisconnected("the mail server closed the connection")
        if send_delay:
            time.sleep(send_delay)
        return super().send_messages(messages)
