"""Length limits on free text, shared by the use cases and described in the API docs."""

NAME_MAX = 200
KIND_MAX = 100
TEXT_MAX = 4000
MAX_TRADES_PER_REQUEST = 10_000
