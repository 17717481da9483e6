"""A backtest's run on the server: queued, running, finished once, cancelled, stale jobs."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from core.domain.backtest import Backtest, BacktestStatus
from core.domain.errors import Conflict
from tests.support.builders import T0, a_backtest

LATER = T0 + timedelta(minutes=1)
RUN = uuid.uuid4()
OTHER_RUN = uuid.uuid4()


def queued() -> Backtest:
    backtest = a_backtest()
    backtest.queue_run(RUN, T0)
    return backtest


def running() -> Backtest:
    backtest = queued()
    assert backtest.start_run(RUN, T0)
    return backtest


def test_queueing_a_run_moves_a_pending_backtest_to_queued_with_no_progress() -> None:
    backtest = queued()

    assert backtest.status is BacktestStatus.QUEUED
    assert backtest.run is not None
    assert (backtest.run.run_id, backtest.run.progress, backtest.run.error) == (RUN, 0.0, None)


def test_running_a_finished_backtest_again_drops_its_results() -> None:
    backtest = running()
    backtest.complete_run(RUN, {"return_pct": 1.0}, LATER)

    backtest.queue_run(OTHER_RUN, LATER)

    assert backtest.status is BacktestStatus.QUEUED
    assert backtest.results is None


@pytest.mark.parametrize("make", [queued, running])
def test_an_active_run_cannot_be_queued_again(make: object) -> None:
    backtest = make()  # type: ignore[operator]

    with pytest.raises(Conflict):
        backtest.queue_run(OTHER_RUN, LATER)


def test_a_job_of_another_run_does_not_start() -> None:
    backtest = queued()

    assert not backtest.start_run(OTHER_RUN, LATER)
    assert backtest.status is BacktestStatus.QUEUED


def test_a_job_picked_again_after_its_worker_died_starts_again() -> None:
    backtest = running()

    assert backtest.start_run(RUN, LATER)
    assert backtest.run is not None
    assert backtest.run.attempts == 2


def test_a_run_completes_once() -> None:
    backtest = running()

    first = backtest.complete_run(RUN, {"trade_count": 1}, LATER)
    second = backtest.complete_run(RUN, {"trade_count": 2}, LATER)

    assert (first, second) == (True, False)
    assert backtest.status is BacktestStatus.COMPLETED
    assert backtest.results == {"trade_count": 1}
    assert backtest.run is not None
    assert backtest.run.progress == 1.0


def test_a_failed_run_keeps_a_readable_error() -> None:
    backtest = running()

    backtest.fail_run(RUN, "no 1h candles of BTC", LATER)

    assert backtest.status is BacktestStatus.FAILED
    assert backtest.run is not None
    assert backtest.run.error == "no 1h candles of BTC"


def test_cancelling_a_queued_run_cancels_at_once_and_its_job_then_does_nothing() -> None:
    backtest = queued()

    backtest.cancel_run(LATER)

    assert backtest.status is BacktestStatus.CANCELLED
    assert not backtest.start_run(RUN, LATER)


def test_cancelling_a_running_run_stops_it_at_the_workers_next_check() -> None:
    backtest = running()

    backtest.cancel_run(LATER)
    still_running = backtest.status
    going_on = backtest.report_progress(RUN, 0.5, LATER)

    assert still_running is BacktestStatus.RUNNING
    assert not going_on
    assert backtest.status is BacktestStatus.CANCELLED
    assert not backtest.complete_run(RUN, {}, LATER)


def test_progress_stays_between_zero_and_one() -> None:
    backtest = running()

    backtest.report_progress(RUN, 7.0, LATER)

    assert backtest.run is not None
    assert backtest.run.progress == 1.0


@pytest.mark.parametrize("make", [queued, running])
def test_a_backtest_the_server_runs_refuses_edits_of_status_and_definition(make: object) -> None:
    backtest = make()  # type: ignore[operator]

    with pytest.raises(Conflict):
        backtest.complete(LATER)
    with pytest.raises(Conflict):
        backtest.redefine(backtest.with_definition(parameters={"fast": 3}), LATER)


def test_a_client_recorded_run_still_moves_by_status_edits() -> None:
    backtest = a_backtest()

    backtest.start(LATER)
    backtest.cancel_run(LATER)

    assert backtest.status is BacktestStatus.CANCELLED


def test_a_backtest_with_nothing_to_cancel_is_a_conflict() -> None:
    with pytest.raises(Conflict):
        a_backtest().cancel_run(LATER)
