"""Many documents from one: recipients (registries, CSV, XLSX), Jinja fields, the batch run."""

from congvan.batch.run import BatchSummary, render_batch

__all__ = ["BatchSummary", "render_batch"]
