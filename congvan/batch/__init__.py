"""Many documents from one: recipients (registries, CSV, XLSX), Jinja fields, the batch run."""

from congvan.batch.recipients import NoRecipientsError, Recipient
from congvan.batch.run import BatchFailure, BatchSummary, SoCho, render_batch

__all__ = ["BatchFailure", "BatchSummary", "NoRecipientsError", "Recipient", "SoCho",
           "render_batch"]
