"""The engine: the rules language's parser and compiler, and the backtest engine itself."""

from __future__ import annotations

from dependency_injector import containers, providers

from adapters.outbound.engine.fast.engine import FastEngine
from adapters.outbound.rules.lark_parser import LarkRulesParser
from core.domain.rules.compiler import RulesCompiler


class Engine(containers.DeclarativeContainer):
    """Stateless and needing nothing: built once per container."""

    rules_parser = providers.Singleton(LarkRulesParser)
    strategy_compiler = providers.Singleton(RulesCompiler, parser=rules_parser)
    backtest_engine = providers.Singleton(FastEngine)
