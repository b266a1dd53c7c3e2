"""Page-level shortcuts of the markdown stage say yes only where the per-line rule they stand for
changes nothing (text.code_spans_as_written for text.kramdown_code_spans)."""
import random

from specsite.markdown.fences import FENCE
from specsite.markdown.text import code_spans_as_written, kramdown_code_spans


def _lines_unchanged(text: str) -> bool:
    return all(kramdown_code_spans(line) == line for line in text.split("\n") if "`" in line and not FENCE.match(line))


def test_code_spans_as_written_cases():
    assert code_spans_as_written("The `id` element and `code`.\n\n```json\n{\"a\": 1}\n```\n")
    assert code_spans_as_written("no spans at all\n~~~ `\n")
    for text in ("a ` b", "a `` b `` c", "a ` x` b", "x` y `z", "open `span\nclosed` here", "a \\`b`",
                 "`a``b`", "    ```\n", "a ` ` b"):
        assert not code_spans_as_written(text) or _lines_unchanged(text), text
    assert not code_spans_as_written("a ` b")  # a lone backtick between blanks: kramdown's text
    assert not code_spans_as_written("open `span\nclosed` here")


def test_code_spans_as_written_never_hides_a_rewrite():
    rng = random.Random(7)
    pieces = ["`", "``", "```", " ", "a", "\\", "\n", "~~~", "\t", "x y", "\u00a0"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        if code_spans_as_written(text):
            assert _lines_unchanged(text), repr(text)
