"""The shape of the house, checked: rooms in bot/ never reach for Telegram or the wiring, and no
module imports itself back through others, counting imports inside functions and TYPE_CHECKING."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "content", "storage")
# The rooms of bot/ that hold the domain and its rendering: plain Python, testable without Telegram.
DOMAIN = ("bot/assessment", "bot/practice", "bot/learners", "bot/mastery", "bot/reminders",
          "bot/cohorts", "bot/render", "bot/voice", "bot/mock", "bot/clock.py")
FORBIDDEN_IN_DOMAIN = ("telegram", "handlers", "bot.app")


def _find_modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _find_modules()


def _modules() -> dict[str, Path]:
    return MODULES


def _imports(path: Path, module: str) -> Iterator[str]:
    """Every module this file imports, wherever the import statement sits."""
    tree = ast.parse(path.read_text(), str(path))
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            # `from package import module` imports that module; `from module import name` the module.
            submodules = [f"{name}.{alias.name}" for alias in node.names]
            yield from submodules
            if not all(sub in MODULES for sub in submodules):
                yield name


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = set()
        for name in _imports(path, module):
            if name in modules and name != module:
                targets.add(name)
        graph[module] = targets
    return graph


def test_domain_rooms_never_import_telegram_handlers_or_the_wiring() -> None:
    offenders = []
    for module, path in _modules().items():
        rel = path.relative_to(ROOT).as_posix()
        if not rel.startswith(DOMAIN):
            continue
        for name in _imports(path, module):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN_IN_DOMAIN):
                offenders.append(f"{rel} imports {name}")
    assert offenders == []


def test_storage_and_content_never_import_bot_or_handlers() -> None:
    offenders = [
        f"{module} imports {target}"
        for module, targets in _graph().items()
        if module.startswith(("storage", "content"))
        for target in targets
        if target.startswith(("bot", "handlers"))
    ]
    assert offenders == []


def test_no_import_cycles() -> None:
    graph = _graph()
    # A package's __init__ that re-exports its modules is not a cycle in practice, but it still
    # counts here: the rooms' __init__ files hold only a docstring, and bot.assessment's re-exports
    # must not import back.
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target):], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert cycles == [], "\n".join(" -> ".join(c) for c in cycles)
