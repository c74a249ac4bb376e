"""The worker processes of a build: started before it plans, each set up for the run, stopped with it.

A worker takes tasks and gives back results (tasks.py); source_build.py does
the work, and only a process that builds loads it, so a build with nothing to
do never loads the loader, the model or the formats.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .tasks import Result, Task, WorkContext

_PR_SET_PDEATHSIG = 1
_HELD = {signal.SIGTERM}
_CONTEXT: WorkContext | None = None


def init_worker(context: WorkContext) -> None:
    """Set a worker up; what it needs to build is loaded with its first task, so that a build with nothing to
    do loads none of it."""
    global _CONTEXT
    parent = multiprocessing.parent_process()
    if parent is not None:
        _die_with_parent(parent.pid)  # first: a build may be killed while its workers are still starting
        # Ctrl-C reaches every process of the terminal's group; the main process alone answers it, with one line.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the command line's handler is for the main process only
        # Held since the fork (see workers): a SIGTERM that came before this line is delivered now, and stops it.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
    _CONTEXT = context


def _die_with_parent(parent: int | None) -> None:
    """On Linux, ask the kernel to kill this worker when the build that started it dies.

    A build killed with SIGKILL cannot stop its workers; left alone they would
    hold the inherited build lock, and the next build would wait for ever. A
    parent that died before the request was made is caught by its pid.
    """
    if sys.platform != "linux":
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not every libc has prctl
        return
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def build_one(task: Task) -> Result:
    """Build one source in this process (source_build.build_one), set up for the context on first use."""
    from . import source_build

    assert _CONTEXT is not None
    return source_build.build_one(task, _CONTEXT)


Run = Callable[[list[Task]], Iterator[Result]]


@contextmanager
def workers(context: WorkContext, jobs: int) -> Iterator[Run]:
    """A pool of worker processes, started before the build plans anything so that none inherits its lists."""
    if jobs == 1:
        init_worker(context)
        yield lambda tasks: map(build_one, tasks)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    # A worker starts with the main process's SIGTERM handler. Were the pool stopped (a build with little to do
    # stops it at once) before the worker set its own, the handler would take the signal, the worker would then
    # set the default and live on, and the build would wait for it for ever. So SIGTERM is held while the pool
    # forks its workers (its threads, made now, keep it held, as do the workers they may fork later), and each
    # worker lets it through once it has set its own.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        pool = multiprocessing.get_context(method).Pool(jobs, init_worker, (context,))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    with pool:
        def run(tasks: list[Task]) -> Iterator[Result]:
            chunk = max(1, min(32, len(tasks) // (jobs * 8)))
            return pool.imap(build_one, tasks, chunksize=chunk)

        yield run
