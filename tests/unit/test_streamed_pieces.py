"""A streamed candle answer is sent in pieces of at least SEND_BYTES: the encoders' chunks
gathered, nothing lost, reordered or held back, and content-coded as one stream."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from adapters.inbound.http.codings import STREAM_ENCODERS, StreamEncoder, zstd
from adapters.inbound.http.ohlcv.responses import next_piece

CHUNKS = st.lists(st.binary(min_size=1, max_size=40), max_size=30)


def all_pieces(
    chunks: list[bytes], at_least: int, encoder: StreamEncoder | None = None
) -> list[tuple[bytes, bytes]]:
    stream, pieces = iter(chunks), []
    while True:
        piece, sent = next_piece(stream, encoder, at_least)
        if piece is None:
            assert sent == b""
            return pieces
        pieces.append((piece, sent))


@given(CHUNKS, st.integers(min_value=1, max_value=100))
def test_pieces_are_the_chunks_in_order_each_but_the_last_at_least_the_size(
    chunks: list[bytes], at_least: int
) -> None:
    pieces = all_pieces(chunks, at_least)

    assert b"".join(piece for piece, _ in pieces) == b"".join(chunks)
    assert all(sent == piece for piece, sent in pieces)  # no coding: sent as made
    assert all(len(piece) >= at_least for piece, _ in pieces[:-1])


@given(CHUNKS, st.integers(min_value=1, max_value=100))
def test_a_piece_takes_no_chunk_more_than_it_needs(chunks: list[bytes], at_least: int) -> None:
    """Each piece ends with the first chunk that brings it to the size: the rest of the
    answer is not made before the client has this much of it."""
    remaining = list(chunks)
    for piece, _ in all_pieces(chunks, at_least):
        taken = len(remaining.pop(0))
        while taken < len(piece):
            assert taken < at_least  # short of the size, so one more chunk was needed
            taken += len(remaining.pop(0))
        assert taken == len(piece)


def test_an_answer_smaller_than_a_piece_is_one_piece() -> None:
    assert all_pieces([b"[", b'{"a":1}', b"]"], 1 << 20) == [(b'[{"a":1}]', b'[{"a":1}]')]


def test_no_chunks_no_piece() -> None:
    assert all_pieces([], 10) == []


@given(CHUNKS, st.integers(min_value=1, max_value=100))
def test_the_coded_pieces_and_the_end_decode_to_the_answer(
    chunks: list[bytes], at_least: int
) -> None:
    encoder = STREAM_ENCODERS["zstd"]()
    sent = b"".join(s for _, s in all_pieces(chunks, at_least, encoder)) + encoder.end()

    assert zstd.decompress(sent) == b"".join(chunks)
