"""Events the SOP runtime announces to the apps above it (e.g. notifikasi), which connect receivers in
their AppConfig.ready(); workflow itself never imports them.

Sent inside the service's transaction, after the change is written: a receiver writing rows shares
the transaction (rolled back with it) and defers anything outside the database to
`transaction.on_commit`.
"""

from django.dispatch import Signal

# A task became active for someone: activated with an assignee or in a shared queue
# (workflow/services.py `_activate`), or given to another person (`task_reassign`). Not sent for a
# task that waits (`menunggu`) because nobody holds its lane role.
# Keyword arguments: task (workflow.models.Task), oleh (the Pegawai whose action caused it, or None).
tugas_ditugaskan = Signal()
