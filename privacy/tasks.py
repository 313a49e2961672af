from celery import shared_task

from .retention import erase_due_households


@shared_task
def erase_moved_out_households():
    """Daily: erase the personal data of households whose tenancy ended longer ago than the retention period."""
    return erase_due_households()
