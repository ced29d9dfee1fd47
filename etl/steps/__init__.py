"""The build's steps, one module per part of the page.

Each step is a plain function: it takes the parsed page (``etl.page.PageCapture``), the
``Inputs`` and the results of the steps it depends on, and returns a frozen result whose
``tables`` are the rows of the database tables it owns, plus whatever later steps need
(section lookups, sector ids, figure values). A step raises ``BuildError`` naming the
file, the line and the problem; it never writes anything. ``etl.build.prepare``
calls them in order.
"""

from __future__ import annotations

from etl.csvfiles import Row

Tables = dict[str, list[Row]]
