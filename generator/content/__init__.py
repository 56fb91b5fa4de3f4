"""The content stage: everything ``chronicle check`` needs, nothing about pages.

It owns the data model (``model``: immutable values, no I/O), the schema
declared once (``schema``), reading a file (``document``), validating it
(``validate``), reading a whole folder (``load``) with its cache (``cache``),
cross-referencing every entry into one immutable chronicle (``crosscheck``),
the lookups over it (``index``), the claims engine (``claims``) and the
analysis of every event's claims, computed once (``analysis``), and the
output paths that no content file may take (``collisions``).

May import: ``bodies`` (each body is rendered and checked as it is read).
``model`` and ``schema`` import nothing of the generator: every stage stands on them.
"""
