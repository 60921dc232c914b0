"""Every URL the app serves appears in an access table: a (URL, role, status) test
that tries it as each role, the public and attorneys of other cases included."""

import re
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

TESTS = Path(__file__).parent
ACCESS_TABLES = [
    TESTS / "filings" / "test_access_table.py",
    TESTS / "sealing" / "test_access_table.py",
    TESTS / "orders" / "test_access_table.py",
    TESTS / "regions" / "test_access.py",
    TESTS / "compliance" / "test_access_table.py",
]
# Django's own admin and the log-out view (a POST that only ends the session).
NOT_TABLED = {"admin", "logout"}

PATH_LITERAL = re.compile(r"""["'](/[^"'\s]*)["']""")
NAME_LITERAL = re.compile(r"""["']([a-z_]+:[a-z_]+|login)["']""")
SHORT_NAME_LITERAL = re.compile(r"""["']([a-z_]+)["']""")
NAMESPACE_BUILDER = re.compile(r"""f["']([a-z_]+):\{""")


def _route_names() -> set[str]:
    names: set[str] = set()

    def walk(resolver: URLResolver, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                walk(pattern, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver(), "")
    return names


def _tabled_names() -> set[str]:
    names: set[str] = set()
    for table in ACCESS_TABLES:
        text = table.read_text()
        for path in PATH_LITERAL.findall(text):
            try:
                names.add(resolve(re.sub(r"\{[^}]*\}", "1", path)).view_name)
            except Resolver404:
                continue
        names.update(NAME_LITERAL.findall(text))
        # Tables that build names as f"orders:{name}" list the short names.
        for namespace in NAMESPACE_BUILDER.findall(text):
            names.update(
                f"{namespace}:{short}" for short in SHORT_NAME_LITERAL.findall(text)
            )
    return names


def test_every_url_is_tried_by_an_access_table():
    untested = {
        name
        for name in _route_names() - _tabled_names()
        if name.split(":")[0] not in NOT_TABLED and name not in NOT_TABLED
    }
    assert not untested, f"URLs with no access-table test: {sorted(untested)}"
