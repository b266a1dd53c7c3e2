"""`timezone:` in _config.yml. Jekyll sets ENV["TZ"] to it before it reads the site
(Jekyll.set_timezone), so a date without an offset is read in that zone and every date is
converted to it when printed (`date_to_xmlschema`, jekyll-feed's <published>, a post's URL
when its offset moves it to another day). specsite reads dates as naive local times, so the
build runs with the process' TZ set the same way, and put back afterwards (tests and `serve`
run other sites in the same process). A name the C library does not know is UTC, in Ruby too."""
from __future__ import annotations

import contextlib
import os
import time


@contextlib.contextmanager
def site_timezone(name):
    """Run the block with TZ=name (nothing changes when the site names no timezone)."""
    if not name or not isinstance(name, str) or not hasattr(time, "tzset"):
        yield
        return
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()
