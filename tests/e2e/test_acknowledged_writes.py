"""No acknowledged write is lost, and no batch is half stored, when the server is killed.

Clients post batches of trades while the server process is killed with SIGKILL; after a
restart every batch that was answered 201 is there in full, and every other batch is either
there in full or not at all.
"""

from __future__ import annotations

import signal
import threading
import uuid
from typing import Any

from tests.e2e.api_process import mint, request, serving

BATCH = 20
CLIENTS = 4


def batch(backtest_id: str, tag: str) -> list[dict[str, Any]]:
    return [
        {
            "backtest_id": backtest_id,
            "side": "long",
            "quantity": 1,
            "entry_time": "2023-02-01T10:00:00Z",
            "entry_price": 100,
            "notes": f"{tag}:{n}",
        }
        for n in range(BATCH)
    ]


def stored_notes(port: int, token: str, backtest_id: str) -> list[str]:
    notes: list[str] = []
    cursor = ""
    while True:
        path = f"/api/v1/trades/backtest/{backtest_id}?limit=500{cursor}"
        status, page = request(port, "GET", path, token)
        assert status == 200, page
        notes += [item["notes"] for item in page["items"]]
        if not page["next_cursor"]:
            return notes
        cursor = f"&cursor={page['next_cursor']}"


def test_batches_acknowledged_before_a_kill_are_all_there_and_none_is_half_stored(
    env: dict[str, str],
) -> None:
    port = int(env["PORT"])
    acknowledged: list[str] = []
    sent: list[str] = []
    with serving(env, port) as process:
        token = mint(env)
        body = {
            "name": "writes",
            "strategy": "SMA",
            "symbol": "BTC",
            "start_date": "2023-01-01",
            "end_date": "2023-12-31",
            "initial_capital": 1000,
        }
        _, backtest = request(port, "POST", "/api/v1/backtests", token, body)
        enough = threading.Event()

        def post_batches() -> None:
            while True:
                tag = uuid.uuid4().hex
                sent.append(tag)
                try:
                    status, _ = request(
                        port, "POST", "/api/v1/trades", token, batch(backtest["id"], tag)
                    )
                except OSError:
                    return  # the server is gone
                if status == 201:
                    acknowledged.append(tag)
                    if len(acknowledged) >= 10:
                        enough.set()

        clients = [threading.Thread(target=post_batches) for _ in range(CLIENTS)]
        for client in clients:
            client.start()
        enough.wait(timeout=60)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        for client in clients:
            client.join(timeout=30)

    with serving(env, port):
        notes = stored_notes(port, mint(env), backtest["id"])

    per_batch: dict[str, int] = {}
    for note in notes:
        per_batch[note.split(":")[0]] = per_batch.get(note.split(":")[0], 0) + 1
    assert len(acknowledged) >= 10
    assert all(per_batch.get(tag) == BATCH for tag in acknowledged)
    assert set(per_batch.values()) == {BATCH}, "a batch is all there or not at all"
    assert set(per_batch) <= set(sent)
