"""Faster forms of the Jekyll filters' steps give what their plain forms give (compared on random
texts built from the characters each one reads)."""
import random

from specsite.jekyll import addressable


def _texts(pieces, count, most, seed):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, most)))


def test_a_component_of_allowed_characters_is_what_the_byte_loop_gives():
    pieces = ["a", "Z", "0", "-", ".", "_", "~", "%", "%20", "%7e", "%7E", "%2B", "+", " ", "[", "]", "/", "?",
              "#", "&", "=", ":", "@", "!", "é", "ﬁ", "\u2028", "%C3%A9", "%zz", "'", "*", ",", ";", "$", "\udcff"]
    for allowed, leave in ((addressable._PCHAR, ""), (addressable._QUERY, "+"), (addressable._FRAGMENT, "")):
        for text in _texts(pieces, 20000, 8, 21):
            assert addressable._component(text, allowed, leave) == \
                addressable._normalized_component(text, allowed, leave), repr(text)


def test_a_path_without_dot_segments_is_what_the_rules_give():
    pieces = ["/", ".", "..", "a", "b.c", "/./", "/../", "x.", ".y", " ", "%2E"]
    for path in _texts(pieces, 30000, 9, 22):
        assert addressable._remove_dots(path) == addressable._dots_removed(path), repr(path)
