"""conflict-chronicle: a static site generator for source-cited chronicles of armed conflicts.

The package is built in stages, one subpackage each; imports run one way only,
from a stage to those below it (``tests/test_layers.py`` walks them):

- ``content``: reading, validating and cross-referencing the content into one
  immutable chronicle, and the analysis of its claims. ``content.model`` (the
  values), ``content.schema`` (the declaration) and ``content.vocabulary`` (its patterns,
  lists and limits) are the bottom of every arrow.
- ``bodies``: contributors' untrusted Markdown: the rules, the renderer, the check.
- ``site``: what is published, for any engine: pages, maps, charts, feeds, downloads.
- ``engines``: MkDocs and ProperDocs (the plugin, the preview), and the folder
  that other engines build (``chronicle pages``).
- ``cli`` (the ``chronicle`` command) on top, with ``starting_cli`` (``chronicle init``
  and ``chronicle new``), ``starting`` (a new chronicle from ``starter/``) and
  ``scaffold`` (a new entry).

engines → site → content → bodies → content.model / content.schema / content.vocabulary.
"""
