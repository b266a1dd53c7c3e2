"""toc.toc_html writes exactly what the theme's partials/toc.html renders (it stands in for it
with specsite's own templates)."""
import random

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from specsite.theme import THEME_DIR
from specsite.toc import toc_html

_TEXTS = ["Intro", "a < b & c", 'say "hi"', "it's", "", "<em>x</em>", "ünïcode", "&amp;"]


def _template():
    env = Environment(loader=FileSystemLoader(str(THEME_DIR / "templates")), autoescape=True)
    return env.get_template("partials/toc.html")


def test_toc_html_matches_the_partial_on_random_tocs():
    template, rng = _template(), random.Random(14)
    for _ in range(3000):
        toc = [{"level": rng.choice((2, 3)), "id": rng.choice(_TEXTS) + str(i),
                "text": rng.choice(_TEXTS + [Markup("<code>x</code>")])}
               for i in range(rng.randrange(0, 7))]
        assert toc_html(toc) == template.render(toc=toc), toc


def test_toc_html_of_no_headings_is_empty():
    assert toc_html([]) == "" == _template().render(toc=[])
