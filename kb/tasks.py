"""Enqueue background tasks when the current transaction commits.

Tasks (Django's task framework, the django-tasks backport) read the database: enqueued before
the commit, a worker could run them before the change they are about is visible, or for a
change that is then rolled back. Outside a transaction the task is enqueued at once.
A leaf module: it imports no project code.
"""

from functools import partial

from django.db import transaction


def enqueue_on_commit(task, *args, **kwargs):
    transaction.on_commit(partial(task.enqueue, *args, **kwargs))
