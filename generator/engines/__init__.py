"""The engines stage: the chronicle built by MkDocs, ProperDocs and any other engine.

It owns the MkDocs/ProperDocs plugin (``plugin``, a thin adapter), what it
delegates to, the preview under ``mkdocs serve`` (``incremental``: what an
edit reaches; ``watching``: how a save is noticed; ``preview``: the error
page), the HTML-blocks pass (``blocks``), and the folder that engines without
the plugin build (``export``, ``chronicle pages``).

May import: ``site``, ``content`` and ``bodies``. Nothing below imports it.
"""
