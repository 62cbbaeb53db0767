"""Where the articles come from: the sources declared in sources.yml.

Kinds:
- ``folder``: every file under ``path`` (text, HTML, JSON, JSONL; the format is read from the content);
- ``feed``: an RSS or Atom feed at ``url``; each entry's linked page is fetched;
- ``pages``: a fixed list of article ``urls``.

HTTP sources take ``timeout``, ``max_bytes``, ``retries``, ``backoff``, ``max_items`` (feed entries),
``user_agent`` and ``allow_private_addresses`` (default false). ``${NAME}`` in a value is read from
the environment, and ``${NEWSETL_LANDING}`` from the settings.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from .fetch import FetchPolicy
from .settings import PROJECT_ROOT, Settings

KINDS = {"folder": {"path"}, "feed": {"url"}, "pages": {"urls"}}
HTTP_OPTIONS = {"timeout", "max_bytes", "retries", "backoff", "max_items", "user_agent", "allow_private_addresses"}
_VAR = re.compile(r"\$\{(\w+)\}")


class SourceConfigError(ValueError):
    """sources.yml is missing, malformed or declares a source wrongly."""


def _expand(value: Any, variables: dict[str, str]) -> Any:
    if isinstance(value, str):
        def lookup(m: re.Match) -> str:
            if m.group(1) not in variables:
                raise SourceConfigError(f"${{{m.group(1)}}} is used in the sources file but not set")
            return variables[m.group(1)]
        return _VAR.sub(lookup, value)
    if isinstance(value, list):
        return [_expand(v, variables) for v in value]
    return value


def load_sources(settings: Settings, path: Path | None = None) -> list[dict]:
    """The enabled sources, checked: a mistake in the file stops the night before anything is read."""
    path = path or settings.sources_file
    if not path.exists():
        raise SourceConfigError(f"no sources file at {path}: create it (see sources.yml) or set NEWSETL_SOURCES")
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise SourceConfigError(f"{path} is not valid YAML: {exc}") from exc
    declared = document.get("sources")
    if not isinstance(declared, list) or not declared:
        raise SourceConfigError(f"{path} must hold a non-empty list under 'sources:'")
    variables = {**os.environ, "NEWSETL_LANDING": str(settings.landing)}
    sources, names = [], set()
    for number, entry in enumerate(declared, start=1):
        where = f"{path}, source {number}"
        if not isinstance(entry, dict) or not entry.get("name") or entry.get("kind") not in KINDS:
            raise SourceConfigError(f"{where}: each source needs a name and a kind ({', '.join(KINDS)})")
        if entry["name"] in names:
            raise SourceConfigError(f"{where}: the name {entry['name']!r} is used twice")
        names.add(entry["name"])
        allowed = {"name", "kind", "enabled", "description"} | KINDS[entry["kind"]]
        if entry["kind"] != "folder":
            allowed |= HTTP_OPTIONS
        if unknown := set(entry) - allowed:
            raise SourceConfigError(f"{where} ({entry['name']}): unknown keys {sorted(unknown)}; allowed: {sorted(allowed)}")
        if missing := KINDS[entry["kind"]] - set(entry):
            raise SourceConfigError(f"{where} ({entry['name']}): a {entry['kind']} source needs {sorted(missing)}")
        if not entry.get("enabled", True):
            continue
        source = {k: _expand(v, variables) for k, v in entry.items()}
        if source["kind"] == "folder":
            folder = Path(source["path"]).expanduser()
            source["path"] = str(folder if folder.is_absolute() else PROJECT_ROOT / folder)
        if source["kind"] == "pages" and not isinstance(source["urls"], list):
            raise SourceConfigError(f"{where} ({entry['name']}): urls must be a list")
        sources.append(source)
    return sources


def policy_for(source: dict, settings: Settings) -> FetchPolicy:
    """The fetch policy of an HTTP source: its own options over the settings' defaults."""
    return FetchPolicy(
        user_agent=source.get("user_agent", settings.user_agent),
        timeout=float(source.get("timeout", settings.http_timeout)),
        max_bytes=int(source.get("max_bytes", settings.max_item_bytes)),
        retries=int(source.get("retries", settings.http_retries)),
        backoff=float(source.get("backoff", settings.http_backoff)),
        allow_private=bool(source.get("allow_private_addresses", False)),
    )
