"""The site stage: what the chronicle publishes, for any engine.

It owns the pages (``render``: one Jinja2 template per page kind, with the
markup helpers of ``markup``), the sanitiser of every published page
(``html``), the readers' labels (``labels``), the maps (``geo``) and charts
(``chart``), the search fields (``search``), the feed and calendar
(``feeds``), the data downloads (``data``), the pages' URLs (``urls``) and
the one list of outputs with their paths and collisions (``outputs``). No
MkDocs here: it returns Markdown and files that an engine publishes.

It reads each event's claims from the chronicle's analysis
(``content.analysis``) and never calls the claims engine itself.

May import: ``content`` and ``bodies``. Nothing but ``engines`` and the
command line import it.
"""
