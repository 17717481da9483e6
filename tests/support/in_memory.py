"""The app's in-memory adapter set: whole parts of the container swapped for the twins."""

from __future__ import annotations

from dependency_injector import containers, providers

from adapters.inbound.worker.memory_worker import InMemoryWorker
from adapters.outbound.memory.status_changes import InMemoryStatusChanges
from adapters.outbound.memory.store import InMemoryStore
from adapters.outbound.memory.unit_of_work import InMemoryUnitOfWork
from bootstrap.container import Container
from core.ports.candle_store import CandleStore
from core.ports.health import HealthProbe, ProbeResult


class FakeProbe:
    """A dependency whose health the test sets."""

    def __init__(self, name: str, ok: bool = True, ready: bool = True) -> None:
        self.name = name
        self.ok = ok
        self.ready = ready

    async def check(self) -> ProbeResult:
        return ProbeResult(self.name, self.ok, 0.1, None if self.ok else "unreachable", self.ready)


def persistence_in(store: InMemoryStore) -> containers.DynamicContainer:
    """The persistence part's twin: units of work over `store` and the status changes they
    commit; no pool or listening connection to open or close."""
    part = containers.DynamicContainer()
    part.set_providers(
        uow=providers.Factory(InMemoryUnitOfWork, store),
        lifecycle=providers.Object(None),
        status_changes=providers.Singleton(InMemoryStatusChanges, store),
        listener_lifecycle=providers.Object(None),
    )
    return part


def market_data_in(candles: CandleStore) -> containers.DynamicContainer:
    """The market-data part's twin: `candles`, no storage to open or close."""
    part = containers.DynamicContainer()
    part.set_providers(candle_store=providers.Object(candles), lifecycle=providers.Object(None))
    return part


def in_memory(
    container: Container, store: InMemoryStore, candles: CandleStore, probe: HealthProbe
) -> Container:
    """Persistence, market data and the run worker in memory; `probe` is the only dependency
    health reports."""
    container.persistence.override(persistence_in(store))
    container.market_data.override(market_data_in(candles))
    container.run_worker.override(providers.Singleton(InMemoryWorker, store, container.run_jobs))
    container.health_probes.override(providers.List(providers.Object(probe)))
    container.readiness_probes.override(providers.List(providers.Object(probe)))
    return container
