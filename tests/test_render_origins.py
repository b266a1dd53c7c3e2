"""render.origins.Written picks the output a link came from exactly as a scan of every recorded
output does: the last equal one, else the longest one inside the link (the last of equal length)."""
from __future__ import annotations

import random

from specsite.render.origins import Written


def _scan(written, target):
    exact = [w for w in written if w[0] == target]
    parts = exact or sorted((w for w in written if len(w[0]) > 1 and w[0] in target), key=lambda w: len(w[0]))
    return parts[-1] if parts else None


def test_written_index_chooses_what_a_full_scan_chooses():
    rng = random.Random(7)
    pieces = ["a", "b", "/", "x.html", "#", "docs", "-", "ab", "/docs/"]
    for _ in range(300):
        written = [("".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))), "f.html", n, 1)
                   for n in range(rng.randint(0, 12))]
        index = Written(written)
        for _ in range(10):
            target = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
            assert index.best(target) == _scan(written, target), (written, target)


def test_written_index_on_random_strings_of_a_small_alphabet():
    """Outputs that occur inside a link at any offset, overlap and repeat (the pair index)."""
    rng = random.Random(10)
    for _ in range(300):
        written = [("".join(rng.choice("ab/.") for _ in range(rng.randint(1, 5))), "f.html", n, 1)
                   for n in range(rng.randint(0, 20))]
        index = Written(written)
        for _ in range(10):
            target = "".join(rng.choice("ab/.") for _ in range(rng.randint(1, 12)))
            assert index.best(target) == _scan(written, target), (written, target)


def test_outputs_kept_across_pages_choose_what_each_page_alone_would():
    """Pages sharing one Parts (as a build's pages do): each page's choice is its own outputs'."""
    from specsite.render.origins import Parts
    rng = random.Random(12)
    parts = Parts()
    targets = ["".join(rng.choice("ab/.x") for _ in range(rng.randint(1, 10))) for _ in range(40)]
    for _ in range(400):
        written = [("".join(rng.choice("ab/.x") for _ in range(rng.randint(1, 5))), "f.html", n, 1)
                   for n in range(rng.randint(0, 20))]
        page = Written(written, parts)
        for target in rng.sample(targets, 8) + ["".join(rng.choice("ab/.x") for _ in range(rng.randint(1, 10)))]:
            assert page.best(target) == _scan(written, target), (written, target)
