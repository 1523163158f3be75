"""The Content-Security-Policy of the HTML pages naplog writes (the review, compare --html)."""

from __future__ import annotations

import html


def content_security_policy(script_hashes: list[str]) -> str:
    """The pages naplog writes load nothing and run only their own scripts (by hash; none: 'none'),
    so an injected ``<script>`` or ``onerror=`` could not run even if it slipped through escaping."""
    scripts = " ".join(f"'{h}'" for h in script_hashes) or "'none'"
    return f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src {scripts}"


def csp_meta(script_hashes: list[str]) -> str:
    """``content_security_policy`` as the ``<meta>`` element a page's head carries."""
    policy = html.escape(content_security_policy(script_hashes))
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
