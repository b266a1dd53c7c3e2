"""Which block bodies lose their whitespace, as in Ruby Liquid 5.4: only if/unless/case/for call
BlockBody#remove_blank_strings, and only when the whole tag is blank (every branch, the `else`
too). python-liquid suppresses every blank BlockNode, so `{% capture nl %}\n{% endcapture %}`
(a newline for `split`) came out empty, and a `for` body blank beside a non-blank `else` lost
its spaces. Installed once with the package."""
from __future__ import annotations

from liquid.builtin.tags.capture_tag import CaptureNode
from liquid.builtin.tags.for_tag import BreakNode, ContinueNode, ForNode
from liquid.builtin.tags.ifchanged_tag import IfChangedNode
from liquid.builtin.tags.tablerow_tag import TablerowNode


def _body_kept(node_class) -> None:
    """capture, tablerow, ifchanged: Ruby renders their body's whitespace as written."""
    original = node_class.__init__

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.block.blank = False
    node_class.__init__ = __init__


def _for_as_a_whole() -> None:
    """For#parse: both bodies lose their blank strings if, and only if, the tag is blank."""
    original = ForNode.__init__

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.block.blank = self.blank
        if self.default is not None:
            self.default.blank = self.blank
    ForNode.__init__ = __init__


def _not_blank(node_class) -> None:
    """break, continue: Ruby's Tag#blank? is false (python-liquid's Node is blank unless told), so
    a body holding one keeps its whitespace: `{% for %} {% break %} {% endfor %}` writes a space."""
    original = node_class.__init__

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.blank = False
    node_class.__init__ = __init__


def install() -> None:
    if getattr(ForNode.__init__, "specsite", False):
        return
    for node_class in (CaptureNode, TablerowNode, IfChangedNode):
        _body_kept(node_class)
    for node_class in (BreakNode, ContinueNode):
        _not_blank(node_class)
    _for_as_a_whole()
    ForNode.__init__.specsite = True
