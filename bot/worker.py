"""``summit worker``: takes jobs from the Redis queue (RQ) and runs them, with the spaCy model loaded once.

The model, and what comparing developments for a digest needs (word vectors, WordNet), are loaded before the
first job; RQ then runs each job in a forked copy of this process (its work horse), which shares them. A job
that fails is retried after a pause (RQ's scheduler, started with the worker, puts it back); a job whose worker
died is found by the next worker's registry clean-up and retried too.
"""

from __future__ import annotations

import logging

from rq import Queue, Worker

from bot import jobs
from bot.intake import digest_queue_name
from bot.redis_connection import connect
from bot.settings import Settings, require
from nlp.novelty import load_resources

logger = logging.getLogger(__name__)


def run_worker(settings: Settings, *, burst: bool = False) -> None:
    """Work until stopped (SIGTERM finishes the current job first), or until the queue is empty with ``burst``."""
    require(settings, "slack_bot_token")
    client = connect(settings)
    context = jobs.context_from_settings(settings, client)
    context.load_model()
    load_resources()
    jobs.install(context)
    # Replies to people first; a digest waits until no reply does.
    queues = [Queue(name, connection=client) for name in (settings.namespace, digest_queue_name(settings.namespace))]
    worker = Worker(queues, connection=client, log_job_description=False)
    logger.info("worker ready", extra={"queue": settings.namespace, "model": settings.model_name})
    worker.work(burst=burst, with_scheduler=True, logging_level=settings.log_level)
