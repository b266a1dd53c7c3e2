"""theme_partials writes exactly what the theme's partials/tags.html, banner.html and history.html
render (it stands in for them with specsite's own templates); toc.escaped is markupsafe's escape."""
import random

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from specsite.theme import THEME_DIR
from specsite.theme_partials import empty_partials, history_html, tags_html
from specsite.toc import escaped

_TEXTS = ["api", "a < b & c", 'say "hi"', "it's", "", "x>y", "ünïcode", "&amp;", "tag-1"]


def _partial(name: str):
    env = Environment(loader=FileSystemLoader(str(THEME_DIR / "templates")), autoescape=True)
    return env.get_template(f"partials/{name}.html")


def test_tags_html_matches_the_partial_on_random_tags():
    template, rng = _partial("tags"), random.Random(15)
    for _ in range(2000):
        tags = [{"name": rng.choice(_TEXTS), "url": "tags.html#tag-" + rng.choice(_TEXTS)}
                for _ in range(rng.randrange(0, 5))]
        root = rng.choice(["", "../", "../../", "a&b/"])
        assert tags_html(tags, root) == template.render(tags=tags, root=root), (tags, root)


def test_history_html_matches_the_partial_on_random_histories():
    """The "Changed in" box: one implementation for our theme and a Jekyll site's own layouts
    (releases.render.with_history wrote its own copy of the partial's markup)."""
    template, rng = _partial("history"), random.Random(18)
    for _ in range(2000):
        history = [{"version": rng.choice(["1.2.3", "1.0.0-rc.1", "a<b"]), "title": rng.choice(_TEXTS + [Markup("FHIR&reg;")]),
                    "url": "overview_release_notes_1_2_3.html#ticket-" + rng.choice(_TEXTS)}
                   for _ in range(rng.randrange(0, 4))]
        root = rng.choice(["", "../", "../../", "a&b/"])
        assert history_html(history, root) == template.render(history=history, root=root), (history, root)
        assert empty_partials({"history": history, "root": root})["history_html"] == history_html(history, root)


def test_no_banner_and_no_history_render_nothing():
    """Where the page has no banner (history), its partial writes nothing, and so does the stand-in;
    a banner to show is left to the partial."""
    for name in ("banner", "history"):
        for empty in (None, "", []):
            assert _partial(name).render({name: empty}) == ""
            assert empty_partials({name: empty})[f"{name}_html"] == ""
    assert "banner_html" not in empty_partials({"banner": "x"})


def test_escaped_is_markupsafe_escape():
    for value in _TEXTS + [Markup("<code>x</code>"), 3, None, "'\"&<>"]:
        assert escaped(value) == escape(value)
