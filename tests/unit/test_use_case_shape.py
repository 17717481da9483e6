"""One shape for every use case: a handler class whose `__call__` takes one frozen request,
named after the handler (`CreateBacktest` takes a `CreateBacktestCommand`, `GetBacktest` a
`GetBacktestQuery`)."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import typing
from types import ModuleType

import core.use_cases

# Handlers that keep another shape, and why.
OTHER_SHAPES = {
    # Takes the RunJob a worker dequeued: the queue's frozen payload is its command.
    "ExecuteRun",
    # Market data is reshaped separately (GetCandles takes a CandlesRequest).
    "GetCandles",
    "ListSymbols",
}


def handlers() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(core.use_cases.__path__, "core.use_cases."):
        module: ModuleType = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            call = vars(cls).get("__call__")
            if cls.__module__ == module.__name__ and inspect.iscoroutinefunction(call):
                found.append(cls)
    return found


def request_type(handler: type) -> object:
    parameters = list(inspect.signature(handler.__call__).parameters)[1:]
    assert len(parameters) == 1, f"{handler.__name__} takes {parameters}"
    return typing.get_type_hints(handler.__call__)[parameters[0]]


def is_frozen(request: object) -> bool:
    return dataclasses.is_dataclass(request) and request.__dataclass_params__.frozen


def test_the_scan_finds_the_handlers() -> None:
    names = {handler.__name__ for handler in handlers()}

    assert {"CreateBacktest", "GetStrategy", "ListTrades", "Authenticate"} <= names


def test_every_handler_takes_one_frozen_command_or_query_named_after_it() -> None:
    misshapen = {}
    for handler in handlers():
        if handler.__name__ in OTHER_SHAPES:
            continue
        request = request_type(handler)
        names = {f"{handler.__name__}Command", f"{handler.__name__}Query"}
        if getattr(request, "__name__", None) not in names or not is_frozen(request):
            misshapen[handler.__name__] = request

    assert misshapen == {}
