"""Where Jekyll's URL (jekyll/lib/jekyll/url.rb) stops the build instead of writing a page: a
placeholder a document's UrlDrop does not answer, and a value Addressable cannot parse in
URL.escape_path. specsite stops too, at the permalink, saying what Jekyll says."""
from __future__ import annotations

import re

# Addressable::URI's parse (URIREGEX) and its scheme check (URI#scheme=)
_URI = re.compile(r"^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?$", re.S)
_SCHEME = re.compile(r"[a-z][a-z0-9.+\-]*\Z", re.I)
# URI#ip_based?: an absolute URI of these schemes needs a host or a path (URI#validate)
_IP_BASED = frozenset("http https ftp tftp sftp ssh svn+ssh telnet nntp gopher wais ldap prospero".split())

# What else a UrlDrop responds to (Drop#key? is respond_to?): Ruby's Object, Enumerable and the
# Drop's own methods. Their `[]` gives nil (fallback_data), written as "" (Jekyll 4.3.1: `:hash`,
# `:to_s` vanish from a permalink); the names whose value is no text (`:keys`, `:first`, …) raise.
_EMPTY = frozenset("""__id__ __send__ chain chunk chunk_while class clone collect collect_concat compact cycle
define_singleton_method detect display drop drop_while dup each each_cons each_entry each_slice each_with_index
each_with_object entries enum_for extend filter filter_map find find_all find_index flat_map freeze grep grep_v
group_by hash inject inspect instance_eval instance_exec instance_variable_get instance_variable_set
instance_variables invoke_drop itself lazy liquid_method_missing map max_by method methods min_by minmax minmax_by
object_id partition private_methods protected_methods public_method public_methods public_send reduce reject
remove_instance_variable reverse_each select send singleton_class singleton_method singleton_methods slice_after
slice_before slice_when sort_by sum taint take take_while tally tap then to_a to_enum to_h to_json to_s to_set
to_yaml trust uniq untaint untrust yield_self zip""".split())
_NOT_TEXT = frozenset("content_methods count each_key fetch first hash_for_json keys max merge min sort to_hash "
                      "to_liquid".split())


class UrlError(ValueError):
    """Jekyll's build stops while making this URL: its error, in words. `in_template`: the
    template's fault (a placeholder), not a value's (a file name, a category)."""

    def __init__(self, message: str, in_template: bool = False, key: str = "permalink"):
        super().__init__(message)
        self.in_template, self.key = in_template, key  # (`key`: the front matter key at fault)


def check_slug(slug, template: str) -> None:
    """UrlDrop#title and #slug slugify a front matter `slug:`: one that is no text (7, true, a
    date) fails in Utils.slugify (`string.gsub`) when the template uses either."""
    if slug is None or isinstance(slug, str) or (":title" not in template and ":slug" not in template):
        return
    from .ruby_types import ruby_class
    from .rubystr import inspect
    raise UrlError(f"its slug is {inspect(slug)}, no text: Jekyll's slugify fails on it (\"undefined method `gsub' "
                   f"for {inspect(slug)}:{ruby_class(slug)}\"), the build stops", key="slug")


def drop_key(name: str) -> str:
    """A `:name` the UrlDrop has no placeholder for: "" where Jekyll writes nothing, else UrlError."""
    if name in _EMPTY:
        return ""
    if name in _NOT_TEXT:
        raise UrlError(f"':{name}' is no placeholder of a URL: Jekyll fails on it (a TypeError), the build stops",
                       in_template=True)
    raise UrlError(f"the URL template has no ':{name}' placeholder (Jekyll: \"The URL template doesn't have "
                   f"{name} keys. Check your permalink template!\"), the build stops", in_template=True)


def check_escape(value: str) -> None:
    """URL.escape_path hands a value with characters outside [a-zA-Z0-9./-] to
    Addressable::URI.encode, which parses it as a URI: text before its first ':' (and before any
    '/', '?', '#') is a scheme, and a scheme must start with a letter (`.:output_ext`, the
    extension of `/c/:title.:output_ext`; a file `1:x.md`)."""
    match = _URI.match(value)
    scheme = match.group(2) if match else None
    if scheme is None:
        return
    if not _SCHEME.match(scheme):
        raise UrlError(f"'{value}' reads as a URI with the scheme '{scheme}', which Addressable refuses "
                       f"(Jekyll: \"Invalid scheme format: '{scheme}'\"), the build stops")
    if scheme.lower() in _IP_BASED and not match.group(4) and not match.group(5):
        raise UrlError(f"'{value}' reads as an absolute URI with no path (Jekyll: \"Absolute URI missing "
                       "hierarchical segment\"), the build stops")
