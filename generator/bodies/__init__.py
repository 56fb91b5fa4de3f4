"""Contributors' untrusted text: the Markdown bodies of entries and pages.

- ``rules``: what a body may contain, the allow-lists and limits, declared once;
- ``check``: the render-then-parse check, which finds what the rules refuse;
- ``render``: the one way a body becomes HTML: rendered once, checked, sanitised.

render → check → rules, never back. May import: ``content.model`` alone.
"""
